import { Query } from '@nestjs/cqrs';
import { SourceAnswer } from '../source-lookup';

export class ListSourcesQuery extends Query<SourceAnswer[]> {}
