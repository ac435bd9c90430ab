import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length } from 'class-validator';
import { SlugField, TextField } from '../../validation/fields';

export class CreateFranchiseDto {
  @SlugField('Franchise id, chosen by the client', 'balle-perdue')
  id!: string;

  @TextField('Title of the franchise', 'Balle perdue')
  title!: string;

  @ApiPropertyOptional({ description: 'Other names the franchise goes by', example: ['Bala Perdida'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  aliases?: string[];
}
