/**
 * The `itemIdentifier`s a partial batch response (`DynamoDBBatchResponse`, `SQSBatchResponse`) names as
 * failed, as Lambda reads them: none for an answer without `batchItemFailures`; `undefined` when that field
 * is not a list; '' for an entry without a string identifier (which fails the batch).
 *
 * @example reportedFailures({ batchItemFailures: [{ itemIdentifier: '42' }] }) // ['42']
 */
export const reportedFailures = (response: unknown): string[] | undefined => {
  if (typeof response !== 'object' || response === null || !('batchItemFailures' in response)) return [];
  const failures = response.batchItemFailures;
  if (!Array.isArray(failures)) return undefined;
  return failures.map((failure: unknown) =>
    typeof failure === 'object' &&
    failure !== null &&
    'itemIdentifier' in failure &&
    typeof failure.itemIdentifier === 'string'
      ? failure.itemIdentifier
      : '',
  );
};
