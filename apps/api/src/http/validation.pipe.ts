import { validateInput } from '@app/validation';
import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';

/**
 * Validates bodies and query strings against their DTO classes with the same rules as the
 * NDJSON import: unknown fields refused, every bad field named.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  transform(value: unknown, { type, metatype }: ArgumentMetadata): unknown {
    if ((type !== 'body' && type !== 'query') || !metatype || isPrimitive(metatype)) return value;
    return validateInput(metatype as new () => object, value ?? {});
  }
}

function isPrimitive(type: unknown): boolean {
  return [String, Number, Boolean, Array, Object].includes(type as never);
}
