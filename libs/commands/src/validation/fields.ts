import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ISO_DURATION, isDuration, isServiceEventId } from '@app/domain';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsPositive, IsString, IsUUID, Length, Max, ValidateBy } from 'class-validator';
import { IsEdtfDate, IsSlug } from '@app/validation';

/** Field decorators shared by the command DTOs: validation and OpenAPI description in one place. */

export const SlugField = (description: string, example: string) =>
  applyDecorators(ApiProperty({ description, example, pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }), IsSlug());

export const OptionalSlugField = (description: string, example: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, example, pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }),
    IsOptional(),
    IsSlug(),
  );

export const TextField = (description: string, example: string) =>
  applyDecorators(ApiProperty({ description, example }), IsString(), Length(1, 500));

export const OptionalTextField = (description: string, example?: string) =>
  applyDecorators(ApiPropertyOptional({ description, example }), IsOptional(), IsString(), Length(1, 2000));

export const DateField = (description: string, example: string) =>
  applyDecorators(
    ApiProperty({
      description: `${description}, in EDTF (2022, 2022-11-10, 2022~, 2020-07?, 2022-XX, 2021-09/2022-03)`,
      example,
    }),
    IsEdtfDate(),
  );

export const CountField = (description: string, example: number) =>
  applyDecorators(ApiProperty({ description, example, minimum: 1 }), IsInt(), IsPositive());

export const OptionalCountField = (description: string, example: number, maximum?: number) =>
  applyDecorators(
    ApiPropertyOptional({ description, example, minimum: 1, maximum }),
    IsOptional(),
    IsInt(),
    IsPositive(),
    ...(maximum === undefined ? [] : [Max(maximum)]),
  );

/**
 * UUIDs in lower case, as EventStoreDB gives them back: an id sent in upper case is then the same
 * id on every store (SQLite compares text).
 */
const LowerCase = () => Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value));

/** An event id a client chooses: any UUID but a version 5, which are the ids the service derives. */
export const EventIdField = () =>
  applyDecorators(
    ApiPropertyOptional({
      description:
        'Client-chosen event id for safe retries: a random (v4) or time-ordered (v7) UUID; version 5 ids are the ' +
        "service's own (derived from the claim when this is absent) and are refused",
      format: 'uuid',
    }),
    IsOptional(),
    LowerCase(),
    IsUUID(),
    ValidateBy({
      name: 'isClientEventId',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isServiceEventId(value),
        defaultMessage: (args) =>
          `${args?.property} must not be a version 5 UUID: those are the ids the service derives; choose a random (v4) or time-ordered (v7) one`,
      },
    }),
  );

/** A reference to a recorded event (a claim to correct or retract). */
export const EventReferenceField = (description: string, required = true) =>
  applyDecorators(
    required ? ApiProperty({ description, format: 'uuid' }) : ApiPropertyOptional({ description, format: 'uuid' }),
    ...(required ? [] : [IsOptional()]),
    LowerCase(),
    IsUUID(),
  );

export const DurationField = (description: string, example: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, example, pattern: ISO_DURATION.source }),
    IsOptional(),
    ValidateBy({
      name: 'isDuration',
      validator: {
        validate: isDuration,
        defaultMessage: (args) => `${args?.property} must be an ISO 8601 duration such as P28D or P1M`,
      },
    }),
  );
