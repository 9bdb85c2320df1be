import { FUNCTIONS, type FunctionId, type RouteDefinition } from '#infra/catalog.ts';

/** The outcome of matching a request line against the catalog, as API Gateway would resolve it. */
export type RouteMatch<Id extends string = FunctionId> =
  | {
      readonly kind: 'found';
      readonly functionId: Id;
      readonly route: RouteDefinition;
      /** Decoded values of the `{param}` segments; API Gateway passes them decoded. */
      readonly pathParameters: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

/** What the matcher needs of a catalog entry. */
export interface RoutedFunction<Id extends string> {
  readonly id: Id;
  readonly routes: readonly RouteDefinition[];
}

interface CompiledRoute<Id extends string> {
  readonly functionId: Id;
  readonly route: RouteDefinition;
  readonly segments: readonly string[];
}

export type RouteMatcher<Id extends string = FunctionId> = (method: string, path: string) => RouteMatch<Id>;

/**
 * Compiles the resource paths of the catalog (`/v1/cases/{id}`) into a matcher. The catalog is the only
 * source of routes, so a path served locally is a path CDK deploys.
 *
 * @example createRouteMatcher()('GET', '/v1/cases/c-1') // { kind: 'found', functionId: 'get-case', … }
 */
export function createRouteMatcher(): RouteMatcher;
export function createRouteMatcher<Id extends string>(
  functions: readonly RoutedFunction<Id>[],
): RouteMatcher<Id>;
export function createRouteMatcher(
  functions: readonly RoutedFunction<string>[] = FUNCTIONS,
): RouteMatcher<string> {
  const compiled: CompiledRoute<string>[] = functions.flatMap((definition) =>
    definition.routes.map((route) => ({
      functionId: definition.id,
      route,
      segments: splitPath(route.path),
    })),
  );

  return (method, path) => {
    const requestSegments = splitPath(path);
    const allow = new Set<string>();
    for (const candidate of compiled) {
      const pathParameters = matchSegments(candidate.segments, requestSegments);
      if (pathParameters === undefined) continue;
      if (candidate.route.method === method) {
        return { kind: 'found', functionId: candidate.functionId, route: candidate.route, pathParameters };
      }
      allow.add(candidate.route.method);
    }
    return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow].sort() } : { kind: 'not-found' };
  };
}

const splitPath = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

const matchSegments = (
  template: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined => {
  if (template.length !== actual.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const value = actual[index];
    if (value === undefined) return undefined;
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name !== undefined) parameters[name] = safeDecode(value);
    else if (part !== value) return undefined;
  }
  return parameters;
};

/** Malformed escapes (`%zz`) reach the handler as sent instead of failing the request. */
export const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};
