import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AppendForm } from './append-form';
import { FactKey, Franchise, FranchiseState, Source, TimelineEntry, getJson, getTimeline } from './api';
import { ClaimsAsked, ClaimsDrawer } from './claims-drawer';
import { DayRange, dayString, formatDay } from './days';
import { FranchisePicker } from './franchise-picker';
import { LiveStatus, useTimelineStream } from './live';
import { StatePanel } from './state-panel';
import { TimeControls } from './time-controls';
import { TimelineChart } from './timeline-chart';
import { KIND_LABELS, Mark, extentOf, lanesOf, marksOf } from './timeline-items';
import { ViewState, apiParams, readViewState, writeViewState } from './view-state';

/** How long the view waits for the sliders to settle before asking again. */
const SETTLE_MS = 120;

interface Shown {
  state: FranchiseState;
  entries: TimelineEntry[];
  complete: boolean;
}

export function App() {
  const [view, setView] = useState<ViewState>(() => readViewState(location.search));
  const [franchises, setFranchises] = useState<Franchise[]>([]);
  const [sources, setSources] = useState<Source[]>([]);
  const [shown, setShown] = useState<Shown>();
  const [everything, setEverything] = useState<TimelineEntry[]>([]);
  const [error, setError] = useState<string>();
  const [asked, setAsked] = useState<ClaimsAsked>();
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [news, setNews] = useState('');
  const [recorded, setRecorded] = useState(0);

  const franchise = franchises.find((f) => f.id === view.franchise) ?? (view.franchise ? undefined : franchises[0]);
  const franchiseId = franchise?.id;
  const change = useCallback((next: Partial<ViewState>) => setView((v) => ({ ...v, ...next })), []);

  useEffect(() => {
    Promise.all([getJson<Franchise[]>('/franchises'), getJson<Source[]>('/sources')])
      .then(([f, s]) => (setFranchises(f), setSources(s)))
      .catch((e: Error) => setError(`The service could not be read: ${e.message}`));
  }, [recorded]);

  // The address keeps the view (a link reproduces it); back and forward restore it.
  useEffect(() => {
    const search = writeViewState({ ...view, franchise: franchiseId });
    if (search !== location.search) history.replaceState(null, '', `${location.pathname}${search}`);
  }, [view, franchiseId]);
  useEffect(() => {
    const restore = () => setView(readViewState(location.search));
    addEventListener('popstate', restore);
    return () => removeEventListener('popstate', restore);
  }, []);

  // Everything recorded, whatever the dates: the lanes and the sliders' range.
  useEffect(() => {
    if (!franchiseId) return;
    const abort = new AbortController();
    getTimeline(franchiseId, new URLSearchParams(), abort.signal)
      .then(({ entries }) => setEverything(entries))
      .catch((e: Error) => abort.signal.aborted || setError(e.message));
    return () => abort.abort();
  }, [franchiseId, recorded]);

  // What the dates asked show: asked again when they settle, the previous ask abandoned.
  const stateQuery = apiParams(view, true).toString();
  const timelineQuery = apiParams(view, false).toString();
  useEffect(() => {
    if (!franchiseId) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      const id = encodeURIComponent(franchiseId);
      Promise.all([
        getJson<FranchiseState>(`/franchises/${id}/state?${stateQuery}`, abort.signal),
        getTimeline(franchiseId, new URLSearchParams(timelineQuery), abort.signal),
      ])
        .then(([state, { entries, complete }]) => {
          setShown({ state, entries, complete });
          setError(undefined);
        })
        .catch((e: Error) => abort.signal.aborted || setError(e.message));
    }, SETTLE_MS);
    return () => (clearTimeout(timer), abort.abort());
  }, [franchiseId, stateQuery, timelineQuery, recorded]);

  // A new entry: marked as new, announced, and the view asked again (one ask for a burst).
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  const live: LiveStatus = useTimelineStream(franchiseId, (entry) => {
    setFresh((ids) => new Set(ids).add(entry.eventId));
    setNews(`New: ${entry.summary} (${KIND_LABELS[entry.type] ?? entry.type}, ${entry.sourceId})`);
    clearTimeout(pending.current);
    pending.current = setTimeout(() => setRecorded((n) => n + 1), SETTLE_MS);
  });
  useEffect(() => setFresh(new Set()), [franchiseId]);

  const allMarks = useMemo(() => marksOf(everything), [everything]);
  const extent = useMemo(() => sliderRange(extentOf(allMarks)), [allMarks]);
  const marks = useMemo(() => marksOf(shown?.entries ?? []), [shown]);
  const lanes = useMemo(
    () => lanesOf(franchise?.title ?? '', shown?.state.films ?? [], everything),
    [franchise?.title, shown, everything],
  );
  const sourceMap = useMemo(() => new Map(sources.map((s) => [s.id, s])), [sources]);
  const titles = useMemo(() => new Map(lanes.map((lane) => [lane.id, lane.title])), [lanes]);
  const openMark = useCallback((mark: Mark) => {
    if (mark.entry.fact) setAsked({ fact: mark.entry.fact, title: mark.entry.summary });
  }, []);
  const openFact = useCallback((fact: FactKey, title: string) => setAsked({ fact, title }), []);

  return (
    <>
      <a class="skip" href="#state-heading">
        Skip to the state
      </a>
      <header>
        <div class="title">
          <h1>Franchise timeline</h1>
          <p>What happened, what was reported when, and which source said what.</p>
        </div>
        <FranchisePicker franchises={franchises} current={franchise} onPick={(f) => change({ franchise: f.id })} />
      </header>
      <main>
        {error && (
          <p class="alert" role="alert">
            {error}
          </p>
        )}
        {view.franchise && franchises.length > 0 && !franchise && (
          <p class="alert" role="alert">
            No franchise “{view.franchise}”. Pick one above.
          </p>
        )}
        {franchise && (
          <>
            <div class="franchise-head">
              <h2 class="franchise-title">{franchise.title}</h2>
              <p class={`live ${live}`} aria-live="polite">
                {live === 'live'
                  ? 'Live: new claims appear as they are recorded'
                  : live === 'connecting'
                    ? 'Connecting…'
                    : 'Reconnecting…'}
              </p>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">
              {news}
            </p>
            <TimeControls view={view} extent={extent} onChange={change} />
            <TimelineChart
              franchiseId={franchise.id}
              lanes={lanes}
              marks={marks}
              extent={extent}
              asOf={view.asOf}
              fresh={fresh}
              onOpen={openMark}
            />
            {shown && !shown.complete && <p class="caption">Only the first {shown.entries.length} claims are drawn.</p>}
            <EntryList marks={marks} fresh={fresh} onOpen={openMark} />
            <div class="panels">
              <StatePanel state={shown?.state} caption={captionOf(view)} onOpen={openFact} />
              <AppendForm franchiseId={franchise.id} films={shown?.state.films ?? []} sources={sources} />
            </div>
            <ClaimsDrawer
              franchiseId={franchise.id}
              asked={asked}
              params={apiParams(view, true)}
              sources={sourceMap}
              titles={titles}
              onClose={() => setAsked(undefined)}
            />
          </>
        )}
      </main>
      <footer>
        <a href="/docs">API documentation</a> · <a href="/health">Service health</a>
      </footer>
    </>
  );
}

/** The timeline as a list: what the chart shows, for the keyboard, screen readers and small screens. */
function EntryList(props: { marks: Mark[]; fresh: Set<string>; onOpen: (mark: Mark) => void }) {
  return (
    <details class="entry-list">
      <summary>The {props.marks.length} claims on the timeline, as a list</summary>
      <ol>
        {props.marks.map((mark) => (
          <li key={mark.id} data-event-id={mark.id} class={props.fresh.has(mark.id) ? 'fresh' : undefined}>
            {props.fresh.has(mark.id) && <span class="badge">new</span>} {mark.description}{' '}
            {mark.entry.fact && (
              <button type="button" class="link" onClick={() => props.onOpen(mark)}>
                Claims behind it
              </button>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

function captionOf(view: ViewState): string {
  const happened = view.asOf ? `what had happened by ${formatDay(view.asOf)}` : 'everything that happened';
  const known = view.knownAt ? `as published by ${formatDay(view.knownAt)}` : 'as published to date';
  return `${happened}, ${known}; uncertain dates counted once ${view.mode}.`;
}

/** The sliders run from the first of January of the first year on the timeline to today. */
function sliderRange(extent: DayRange | undefined): DayRange {
  const today = dayString(Math.floor(Date.now() / 86_400_000));
  const earliest = extent ? `${extent.earliest.slice(0, 4)}-01-01` : `${today.slice(0, 4)}-01-01`;
  return { earliest, latest: extent && extent.latest > today ? extent.latest : today };
}
