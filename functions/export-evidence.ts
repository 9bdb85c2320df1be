import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { scopeOfPrincipal } from '#shared/auth/principal.ts';
import { evidencePack } from '#shared/export/evidence.ts';
import { PDF_CONTENT_TYPE, renderEvidencePdf } from '#shared/export/evidence-pdf.ts';
import { systemClock } from '#shared/ports.ts';
import { IdSchema } from '#shared/schemas/requests.ts';
import { once } from './dependencies/once.ts';
import { dynamoDocumentClient, tableName } from './dependencies/table.ts';
import { caseReader, exceptionStore, reviewStore } from './dependencies/workflow.ts';
import { parsePathParameter } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

const events = once(() => new DynamoDbEventStore(dynamoDocumentClient(), tableName()));

/**
 * GET /v1/reviews/{id}/evidence.pdf: the evidence pack of a legal review (shared/export/evidence-pdf.ts) in
 * the reader's language, as a download. A review outside the caller's scope is a 404 like a missing one. The
 * PDF travels base64-encoded (API Gateway's binary media type `application/pdf` turns it back into bytes).
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['legal', 'manager'] }))
  .handler(async (event, context) => {
    const id = parsePathParameter(event.pathParameters, 'id', IdSchema);
    const pack = await evidencePack(
      id,
      scopeOfPrincipal(principalOf(context)),
      { reviews: reviewStore(), cases: caseReader(), events: events(), exceptions: exceptionStore() },
      systemClock.now(),
    );
    const pdf = await renderEvidencePdf(pack, context.locale ?? 'en');
    return {
      statusCode: 200,
      headers: {
        'content-type': PDF_CONTENT_TYPE,
        'content-disposition': `attachment; filename="evidence-pack-${id}.pdf"`,
      },
      body: pdf.toString('base64'),
      isBase64Encoded: true,
    };
  });
