import { SourceNotFoundError } from '@app/domain';
import { CatalogedSource, SourceCatalogReadModel } from '@app/projections';

export interface SourceAnswer {
  id: string;
  name: string;
  /** What it is: an article (press), a statement of the company concerned (official), a post (social). */
  kind: string;
  publishedOn: string;
  publishedBetween: { earliest: string; latest: string };
  url?: string;
  language?: string;
  reference?: string;
  notes?: string;
  /** Reliability rank (0 to 100) used by policy=trusted. */
  rank: number;
  recordedAt: string;
}

/** A source with its current rank; `SourceNotFoundError` when it is not registered. */
export function findSource(sources: SourceCatalogReadModel, sourceId: string): CatalogedSource {
  const source = sources.find(sourceId);
  if (!source) throw new SourceNotFoundError(sourceId);
  return source;
}

export function toSource({
  id,
  name,
  kind,
  publishedOn,
  published,
  rank,
  recordedAt,
  ...details
}: CatalogedSource): SourceAnswer {
  return { id, name, kind, publishedOn, publishedBetween: published, ...details, rank, recordedAt };
}
