import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { NoSchemaIntrospectionCustomRule, type GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { BadInputError } from '../platform/errors';

/**
 * What one request may ask for, so a single query cannot take the server down. Today's schema has no
 * cycles (its deepest query, chargePoints.edges.node.connectors.field, is 5 levels), so the depth cap
 * guards future types; aliases are capped so one request cannot fan out into many commands or list scans.
 */
export const MAX_DEPTH = 10;
export const MAX_ALIASES = 20;
export const MAX_COST = 5000;

export function validationRules(options: { introspection: boolean }): ValidationRule[] {
  // Report as validation errors (the client's fault) instead of throwing out of validation.
  const report = { exposeLimits: true, propagateOnRejection: false, onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)] };
  const rules: ValidationRule[] = [
    maxDepthRule({ n: MAX_DEPTH, ...report }),
    maxAliasesRule({ n: MAX_ALIASES, ...report }),
    costLimitRule({ maxCost: MAX_COST, ...report }),
  ];
  if (!options.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

/** Checks a page size against its cap (the schema's defaults apply when it is left out). */
export function pageSize(first: number | null | undefined, fallback: number, max: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > max) throw new BadInputError(`first must be between 0 and ${max}`, 'first');
  return size;
}
