import { Provider } from '@nestjs/common';
import { ClaimsAtDate } from './claims-at-date';
import { StateCandidates } from './state-candidates';
import { GetChangesHandler } from './get-changes/get-changes.handler';
import { GetClaimsLedgerHandler } from './get-claims-ledger/get-claims-ledger.handler';
import { GetFranchiseEventsHandler } from './get-franchise-events/get-franchise-events.handler';
import { GetFranchiseStateHandler } from './get-franchise-state/get-franchise-state.handler';
import { GetFranchiseHandler } from './get-franchise/get-franchise.handler';
import { GetReleaseCalendarHandler } from './get-release-calendar/get-release-calendar.handler';
import { GetReleaseClaimsHandler } from './get-release-claims/get-release-claims.handler';
import { GetSourceClaimsHandler } from './get-source-claims/get-source-claims.handler';
import { GetSourceHandler } from './get-source/get-source.handler';
import {
  AsRecorded,
  GetLastRecordedHandler,
  GetProvenanceHandler,
  GetRecordedSinceHandler,
} from './get-timeline/get-recorded-since.handler';
import { GetTimelineHandler } from './get-timeline/get-timeline.handler';
import { ListFranchisesHandler } from './list-franchises/list-franchises.handler';
import { ListSourcesHandler } from './list-sources/list-sources.handler';

/** The query handlers, and the combining of read models they share. */
export const QUERY_HANDLERS: Provider[] = [
  ClaimsAtDate,
  StateCandidates,
  GetFranchiseStateHandler,
  GetTimelineHandler,
  AsRecorded,
  GetRecordedSinceHandler,
  GetLastRecordedHandler,
  GetProvenanceHandler,
  GetClaimsLedgerHandler,
  GetFranchiseHandler,
  ListFranchisesHandler,
  GetSourceHandler,
  ListSourcesHandler,
  GetSourceClaimsHandler,
  GetFranchiseEventsHandler,
  GetChangesHandler,
  GetReleaseCalendarHandler,
  GetReleaseClaimsHandler,
];
