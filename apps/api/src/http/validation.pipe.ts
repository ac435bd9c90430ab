import { InputValidationError, SLUG, validateInput } from '@app/validation';
import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';

/**
 * Validates bodies and query strings against their DTO classes with the same rules as the
 * NDJSON import: unknown fields refused, every bad field named. Path parameters are ids
 * (franchises, sources), checked against the id format, so a malformed one is a 400 naming it.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  transform(value: unknown, { type, metatype, data }: ArgumentMetadata): unknown {
    if (type === 'param') {
      if (typeof value === 'string' && SLUG.test(value)) return value;
      throw new InputValidationError([
        { field: data ?? '(path)', message: 'must be an id: 1 to 64 lower-case letters, digits and hyphens' },
      ]);
    }
    if ((type !== 'body' && type !== 'query') || !metatype || isPrimitive(metatype)) return value;
    return validateInput(metatype as new () => object, value ?? {});
  }
}

function isPrimitive(type: unknown): boolean {
  return [String, Number, Boolean, Array, Object].includes(type as never);
}
