import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, PageRequest } from './page';

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
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: `limit must be between 1 and ${PAGE_LIMIT_MAX}` })
  @Max(PAGE_LIMIT_MAX, { message: `limit must be between 1 and ${PAGE_LIMIT_MAX}` })
  limit?: number;

  @ApiPropertyOptional({
    description: 'Where the page starts: `page.next` of the previous page, with the same other parameters',
    example: 'W1s0MV0sIllrM3BRMGU5eFIybVc3dEEiXQ',
  })
  @IsOptional()
  @IsString()
  cursor?: string;
}

/** The page the parameters ask for. */
export function pageRequest({ limit, cursor }: PageDto): PageRequest {
  return { limit: limit ?? PAGE_LIMIT_DEFAULT, ...(cursor !== undefined ? { cursor } : {}) };
}
