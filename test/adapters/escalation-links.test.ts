import { clearCaches } from '@aws-lambda-powertools/parameters';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { webLinks } from '#shared/adapters/escalation-links.ts';
import { ConfigurationError } from '#shared/errors.ts';

const ssm = mockClient(SSMClient);

afterEach(() => {
  ssm.reset();
  clearCaches();
});

describe('Function: webLinks', () => {
  it('links to WEB_URL when it is set, without asking SSM', async () => {
    // Prepare
    const links = webLinks({ WEB_URL: 'http://127.0.0.1:3000', WEB_URL_PARAMETER: '/x' });

    // Act
    const answer = await links();

    // Assess
    expect(answer).toEqual({ webUrl: 'http://127.0.0.1:3000' });
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(0);
  });

  it("reads the web stack's parameter once when only WEB_URL_PARAMETER is set", async () => {
    // Prepare
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'https://d1.cloudfront.net' } });
    const links = webLinks({ WEB_URL_PARAMETER: '/marketing-risk-radar/web-url' });

    // Act
    await links();
    const second = await links();

    // Assess
    expect(second).toEqual({ webUrl: 'https://d1.cloudfront.net' });
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input.Name).toBe(
      '/marketing-risk-radar/web-url',
    );
  });

  it('fails loudly, naming both variables, when neither is set', async () => {
    // Prepare
    const links = webLinks({});

    // Act
    const answer = links();

    // Assess
    await expect(answer).rejects.toThrow(ConfigurationError);
    await expect(answer).rejects.toThrow(/WEB_URL.*WEB_URL_PARAMETER/);
  });
});
