import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataStack } from '#infra/data-stack.ts';
import { SCOPE_ATTRIBUTES } from '#shared/auth/principal.ts';

/**
 * A person's scope in AWS (issue #16): the user pool has the custom attributes the API reads
 * (`custom:brands`, `custom:markets`), the people client's ID tokens carry them, and nobody can write
 * their own (clearing `custom:brands` would widen a scope to every brand).
 */

let template: Template;

beforeAll(() => {
  const app = new App({ context: { nag: 'false' } });
  template = Template.fromStack(new DataStack(app, 'ScopesData', {}));
}, 120_000);

const bare = (attribute: string) => attribute.replace(/^custom:/, '');

describe('Stack: DataStack (scopes)', () => {
  it('gives the user pool mutable brands and markets attributes', () => {
    // Act
    const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0];
    const schema = (pool?.Properties.Schema ?? []) as {
      Name: string;
      Mutable: boolean;
      AttributeDataType: string;
    }[];

    // Assess
    for (const attribute of Object.values(SCOPE_ATTRIBUTES)) {
      expect(schema).toContainEqual(
        expect.objectContaining({ Name: bare(attribute), Mutable: true, AttributeDataType: 'String' }),
      );
    }
  });

  it('lets the people client read the scope into ID tokens but never write it', () => {
    // Act
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0];
    const read = client?.Properties.ReadAttributes as string[];
    const write = client?.Properties.WriteAttributes as string[];

    // Assess
    expect(read).toEqual(expect.arrayContaining(Object.values(SCOPE_ATTRIBUTES)));
    expect(read).toContain('email');
    for (const attribute of Object.values(SCOPE_ATTRIBUTES)) expect(write).not.toContain(attribute);
    expect(write.length).toBeGreaterThan(0);
  });
});
