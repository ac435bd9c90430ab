import { PartialDate } from '@app/domain';
import { ValidationOptions, registerDecorator } from 'class-validator';
import { Matches } from 'class-validator';

/** A real calendar date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (2020-02-30 is refused). */
export function IsPartialDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPartialDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property, value }) =>
          `${property} must be a real calendar date written YYYY, YYYY-MM or YYYY-MM-DD (got ${JSON.stringify(value)})`,
        ...options,
      },
      validator: { validate: (value: unknown) => PartialDate.tryParse(value) !== undefined },
    });
}

export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Ids of franchises, films and sources: lower-case letters, digits and dashes. */
export const IsSlug = (): PropertyDecorator =>
  Matches(SLUG, {
    message: ({ property }) => `${property} must be lower-case letters, digits and dashes (at most 64)`,
  });
