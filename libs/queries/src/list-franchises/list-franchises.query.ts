import { Query } from '@nestjs/cqrs';
import { FranchiseAnswer } from '../get-franchise/get-franchise.query';

export class ListFranchisesQuery extends Query<FranchiseAnswer[]> {}
