import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import { BadInputError } from '../platform/errors';

/**
 * What one request may ask for, so a single query cannot take the server down. The deepest useful query
 * (chargePoints.edges.node.connectors.field) is 5 levels; aliases are capped so one request cannot fan
 * out into many commands or list scans.
 */
export const MAX_DEPTH = 10;
export const MAX_ALIASES = 20;
export const MAX_COST = 5000;

export function validationRules(options: { introspection: boolean }): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: MAX_DEPTH, exposeLimits: true }),
    maxAliasesRule({ n: MAX_ALIASES, exposeLimits: true }),
    costLimitRule({ maxCost: MAX_COST, exposeLimits: true }),
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
