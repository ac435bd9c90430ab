import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, ValidateBy } from 'class-validator';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, PageRequest } from './page';

/** One rule, one message: a whole number from 1 to the maximum. */
const IsPageLimit = (): PropertyDecorator =>
  ValidateBy({
    name: 'isPageLimit',
    validator: {
      validate: (value: unknown) =>
        Number.isInteger(value) && (value as number) >= 1 && (value as number) <= PAGE_LIMIT_MAX,
      defaultMessage: () => `limit must be a whole number from 1 to ${PAGE_LIMIT_MAX}`,
    },
  });

/** The paging parameters of every list that grows with history; see `Page`. */
export class PageDto {
  @ApiPropertyOptional({
    description: `How many items the page holds (default ${PAGE_LIMIT_DEFAULT}, at most ${PAGE_LIMIT_MAX})`,
    minimum: 1,
    maximum: PAGE_LIMIT_MAX,
    default: PAGE_LIMIT_DEFAULT,
    example: 50,
  })
  @IsOptional()
  @Type(() => Number)
  @IsPageLimit()
  limit?: number;

  // No example: Swagger UI's "Try it out" would send it, and a cursor made up is refused (400).
  @ApiPropertyOptional({
    description: 'Where the page starts: `page.next` of the previous page, with the same other parameters',
  })
  @IsOptional()
  @IsString()
  cursor?: string;
}

/** The page the parameters ask for. */
export function pageRequest({ limit, cursor }: PageDto): PageRequest {
  return { limit: limit ?? PAGE_LIMIT_DEFAULT, ...(cursor !== undefined ? { cursor } : {}) };
}
