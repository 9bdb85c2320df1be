/**
 * What the app reads from `/config.json` at start: where the API is and how people sign in. The local stack
 * serves `{ mode: 'local', devTokens }`; the CDK app deploys `{ mode: 'cognito', cognito: { … } }`. Written
 * by web/build.ts (Node) and read by the app (browser), so it uses neither's APIs.
 */
export type WebConfig =
  | {
      readonly mode: 'local';
      readonly apiBaseUrl: string;
      readonly devTokens?: { readonly legal: string; readonly manager: string };
    }
  | {
      readonly mode: 'cognito';
      readonly apiBaseUrl: string;
      readonly cognito: {
        /** `https://<prefix>.auth.<region>.amazoncognito.com` */
        readonly domain: string;
        readonly clientId: string;
        readonly redirectUri: string;
      };
    };
