import { SOURCE_KINDS, SourceKind } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUrl, Matches } from 'class-validator';
import { DateField, OptionalTextField, SlugField, TextField } from '../../validation/fields';

export class RegisterSourceDto {
  @SlugField('Source id, chosen by the client', 'article-000')
  id!: string;

  @TextField('A title for the source', 'Debut feature passes 37 million Netflix views')
  name!: string;

  @DateField('When the source was published, as precisely as known', '2020-08')
  publishedOn!: string;

  @ApiPropertyOptional({
    description:
      'What the source is: an article (press, the default), a statement of the company concerned (official), a post (social)',
    enum: SOURCE_KINDS,
    example: 'social',
  })
  @IsOptional()
  @IsIn(SOURCE_KINDS, { message: `kind must be one of ${SOURCE_KINDS.join(', ')}` })
  kind?: SourceKind;

  @ApiPropertyOptional({ example: 'https://example.org/article' })
  @IsOptional()
  @IsUrl({ require_protocol: true })
  url?: string;

  @ApiPropertyOptional({ description: 'BCP 47 language tag', example: 'fr' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a language tag such as fr or en-GB' })
  language?: string;

  @OptionalTextField('Where the source is kept, e.g. a file name', '000_0683aadd1d0afccd.txt')
  reference?: string;

  @OptionalTextField('How the publication date was established, when the source gives none')
  notes?: string;
}
