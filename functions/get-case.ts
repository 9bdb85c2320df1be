import { NotFoundError, ValidationError } from '#shared/errors.ts';
import { CaseIdSchema } from '#shared/schemas/cases.ts';
import { toFieldIssues } from '#shared/schemas/issues.ts';
import { caseReader } from './dependencies/cases.ts';
import { json } from './http.ts';
import { authorize, httpFunction } from './middleware.ts';

/** GET /v1/cases/{id}: one case with its findings and occurrences. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event) => {
    const id = CaseIdSchema.safeParse(event.pathParameters?.id);
    if (!id.success) throw new ValidationError('Invalid case id', toFieldIssues(id.error, ['id']));
    const detail = await caseReader().getCase(id.data);
    if (detail === undefined) throw new NotFoundError(`No case ${id.data}`);
    return json(200, detail);
  });
