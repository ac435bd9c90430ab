import { Query } from '@nestjs/cqrs';
import { SourceAnswer } from '../source-lookup';

export class GetSourceQuery extends Query<SourceAnswer> {
  constructor(readonly sourceId: string) {
    super();
  }
}
