import { Query } from '@nestjs/cqrs';

export interface FranchiseAnswer {
  id: string;
  title: string;
  aliases: string[];
  /** The stream's revision: send it back as `If-Match` to write only if nothing changed. */
  revision: number;
  createdAt: string;
}

export class GetFranchiseQuery extends Query<FranchiseAnswer> {
  constructor(readonly franchiseId: string) {
    super();
  }
}
