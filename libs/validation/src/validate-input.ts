import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { FieldError, InputValidationError } from './field-error';

/**
 * How deep an input may nest. Every input of this API is an object of plain fields, an array or
 * object at most a level below; class-transformer and class-validator recurse, and a body nested
 * a thousand levels deep would overflow the stack (a 500) instead of being refused.
 */
export const MAX_INPUT_DEPTH = 8;

/**
 * Turns untrusted JSON into a validated DTO, refusing unknown fields; every entry point
 * (HTTP bodies and queries, NDJSON import lines) goes through here, so they agree.
 */
export function validateInput<T extends object>(type: ClassConstructor<T>, input: unknown): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InputValidationError([{ field: '(body)', message: 'must be a JSON object' }]);
  }
  if (depthOf(input) > MAX_INPUT_DEPTH) {
    throw new InputValidationError([
      { field: '(body)', message: `must not nest deeper than ${MAX_INPUT_DEPTH} levels` },
    ]);
  }
  const instance = plainToInstance(type, input);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new InputValidationError(flatten(errors));
  return instance;
}

/** Walked with a stack of its own, not by recursion, for the same reason. */
function depthOf(input: object): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[input, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_INPUT_DEPTH) return deepest;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return deepest;
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], `${field}.`)];
  });
}
