import { EdtfDate } from '@app/domain';
import { ValidationOptions, registerDecorator } from 'class-validator';
import { Matches } from 'class-validator';

/** An EDTF date (levels 0 and 1) of real calendar days: 2020-02-30 is refused. */
export function IsEdtfDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEdtfDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property, value }) =>
          `${property} must be an EDTF date (2022, 2022-11-10, 2022~, 2020-07?, 2022-XX, 2021-09/2022-03, 2021-09/..) of real calendar days (got ${JSON.stringify(value)})`,
        ...options,
      },
      validator: { validate: (value: unknown) => EdtfDate.tryParse(value) !== undefined },
    });
}

export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Ids of franchises, films and sources: lower-case letters, digits and dashes. */
export const IsSlug = (): PropertyDecorator =>
  Matches(SLUG, {
    message: ({ property }) => `${property} must be lower-case letters, digits and dashes (at most 64)`,
  });
