import { useEffect, useRef, useState } from 'preact/hooks';
import { FactKey, Ledger, LedgerFact, Source, ViewCountsCompared, getJson, getSources } from './api';
import { dateWithEdtf, formatRange, windowWords } from './days';

export interface ClaimsAsked {
  fact: FactKey;
  title: string;
}

/** The ledger's fields in words; a field the page does not know yet shows under its name. */
const FIELD_WORDS: Record<string, string> = {
  releasedOn: 'release date',
  scheduledFor: 'scheduled release date',
  views: 'views',
  announcedOn: 'announced',
  confirmedOn: 'trilogy confirmed',
  greenlitOn: 'greenlit',
  wrappedOn: 'shooting wrapped',
};

const STANDING_WORDS: Record<string, string> = {
  accepted: 'accepted',
  outvoted: 'outvoted',
  retracted: 'retracted by its source',
  superseded: 'superseded by a correction',
};

/**
 * The claims behind a fact, from the ledger at the dates asked: each value with its sources and
 * their publication dates, each claim's standing, the value believed and who claimed it first.
 * A modal dialog: Escape closes it, and focus returns to the button that opened it (to the
 * timeline's heading when a mark on the chart did). Asked again when a claim is recorded.
 */
export function ClaimsDrawer(props: {
  franchiseId: string;
  asked?: ClaimsAsked;
  params: URLSearchParams;
  /** Changes when claims are recorded: the ledger is read again. */
  version: number;
  /** Film titles by id, as the state names them. */
  titles: Map<string, string>;
  /** The state's view counts by window: why a film's counts differ, shown with its views. */
  viewCounts: ViewCountsCompared[];
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [ledger, setLedger] = useState<Ledger>();
  const [sources, setSources] = useState<Map<string, Source>>(new Map());
  const [error, setError] = useState<string>();
  const { asked, franchiseId } = props;
  const query = props.params.toString();

  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const element = dialog.current!;
    if (!asked) return element.open ? element.close() : undefined;
    if (!element.open) {
      const focused = document.activeElement;
      opener.current = focused instanceof HTMLElement && focused !== document.body ? focused : null;
      element.showModal();
    }
  }, [asked]);
  const closed = () => {
    (opener.current ?? document.getElementById('chart-heading'))?.focus();
    props.onClose();
  };

  useEffect(() => {
    if (!asked) return;
    const params = new URLSearchParams(query);
    params.set('field', asked.fact.field);
    if (asked.fact.filmId) params.set('filmId', asked.fact.filmId);
    params.set('limit', '1000');
    const abort = new AbortController();
    setLedger(undefined);
    setError(undefined);
    getJson<Ledger>(`/franchises/${encodeURIComponent(franchiseId)}/claims?${params}`, abort.signal)
      .then(async (read) => {
        // Shown with the sources its claims name, and the origins they relay.
        const named = await getSources(citedBy(read));
        if (abort.signal.aborted) return;
        setSources(named);
        setLedger(read);
      })
      .catch((e: Error) => abort.signal.aborted || setError(e.message));
    return () => abort.abort();
  }, [asked, franchiseId, query, props.version]);

  const facts = ledger?.facts.filter((f) => !asked?.fact.window || f.window === asked.fact.window) ?? [];
  const note =
    asked?.fact.field === 'views' && !asked.fact.window
      ? props.viewCounts.find((v) => v.filmId === asked.fact.filmId)?.why
      : undefined;
  return (
    <dialog ref={dialog} class="drawer" aria-labelledby="drawer-heading" onClose={closed}>
      <div class="drawer-head">
        <h2 id="drawer-heading">Claims behind: {asked?.title}</h2>
        <button type="button" onClick={() => dialog.current!.close()} autofocus>
          Close
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {!ledger && !error && <p aria-busy="true">Loading the claims…</p>}
      {ledger && facts.length === 0 && <p>No source had claimed this at these dates.</p>}
      {ledger && note && <p class="note">{note}</p>}
      {facts.map((fact) => (
        <FactClaims
          key={`${fact.filmId}|${fact.field}|${fact.window}`}
          fact={fact}
          sources={sources}
          titles={props.titles}
        />
      ))}
    </dialog>
  );
}

function FactClaims({
  fact,
  sources,
  titles,
}: {
  fact: LedgerFact;
  sources: Map<string, Source>;
  titles: Map<string, string>;
}) {
  const first = fact.resolved?.firstClaimedBy;
  return (
    <article class="fact-claims" data-field={fact.field} data-film={fact.filmId ?? ''}>
      <h3>
        {[
          fact.filmId && (titles.get(fact.filmId) ?? fact.filmId),
          FIELD_WORDS[fact.field] ?? fact.field,
          fact.window
            ? `counted over ${windowWords(fact.window)}`
            : fact.field === 'views' && 'total reached by a date',
        ]
          .filter(Boolean)
          .join(' · ')}
        {fact.disputed && <span class="dispute"> sources disagree</span>}
      </h3>
      {fact.resolved && (
        <p class="believed">
          Believed: <strong>{valueWords(fact.resolved.value)}</strong> (policy {fact.resolved.policy})
          {first && (
            <>
              ; first claimed by <SourceName id={first.sourceId} sources={sources} />, published{' '}
              {publishedWords(fact, first)}
            </>
          )}
        </p>
      )}
      <ul class="values">
        {fact.values.map((value) => (
          <li key={String(value.value)} class="value-claims" data-value={String(value.value)}>
            <p class="value-head">
              <strong>{valueWords(value.value)}</strong>{' '}
              <span class="count">
                · {value.sourceIds.length} {value.sourceIds.length === 1 ? 'source' : 'sources'}
                {value.origins.some((origin) => !value.sourceIds.includes(origin)) && (
                  <>
                    , {value.origins.length} independent {value.origins.length === 1 ? 'origin' : 'origins'}
                  </>
                )}
              </span>
            </p>
            <ul class="claims">
              {value.claims.map((claim) => (
                <li key={claim.eventId} data-source={claim.sourceId} data-standing={claim.standing}>
                  <SourceName id={claim.sourceId} sources={sources} />, published{' '}
                  {formatRange(claim.sourcePublishedBetween)}
                  {claim.basedOn && (
                    <>
                      {' '}
                      · relaying <SourceName id={claim.basedOn} sources={sources} />
                      {sources.get(claim.basedOn) && ` (${sources.get(claim.basedOn)!.kind})`}
                    </>
                  )}
                  {claim.at && <> · reading of {dateWithEdtf(claim.at)}</>} ·{' '}
                  <span class={`standing ${claim.standing}`}>{STANDING_WORDS[claim.standing] ?? claim.standing}</span>
                  {claim.certainty === 'possible' && <span class="possible"> · only possibly by these dates</span>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </article>
  );
}

/** The sources a ledger's claims cite or relay. */
function citedBy(ledger: Ledger): string[] {
  return ledger.facts.flatMap((fact) =>
    fact.values.flatMap((value) =>
      value.claims.flatMap((claim) => (claim.basedOn ? [claim.sourceId, claim.basedOn] : [claim.sourceId])),
    ),
  );
}

function SourceName({ id, sources }: { id: string; sources: Map<string, Source> }) {
  const source = sources.get(id);
  const name = source ? `${source.name} (${id})` : id;
  return source?.url ? <a href={source.url}>{name}</a> : <cite>{name}</cite>;
}

/** When the first claimant was published, as its claim in the ledger gives it. */
function publishedWords(fact: LedgerFact, first: { eventId: string; publishedOn: string }): string {
  const claim = fact.values.flatMap((v) => v.claims).find((c) => c.eventId === first.eventId);
  return claim ? formatRange(claim.sourcePublishedBetween) : dateWithEdtf(first.publishedOn);
}

/** A count with its digits grouped; a date in words, with its EDTF when it is not plain. */
function valueWords(value: string | number): string {
  return typeof value === 'number' ? value.toLocaleString('en-GB') : dateWithEdtf(value);
}
