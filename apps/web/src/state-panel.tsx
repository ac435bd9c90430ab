import type { FactKey, Film, FranchiseState, StateFact, ViewCountsCompared } from './api';
import { formatRange } from './days';

/** The facts believed at the dates asked; each opens the claims behind it, and a mark shows where sources disagree. */
export function StatePanel(props: {
  state?: FranchiseState;
  caption: string;
  onOpen: (fact: FactKey, title: string) => void;
}) {
  const { state, onOpen } = props;
  const windows = new Map(state?.viewCounts.map((v) => [v.filmId, v]));
  if (!state) return <section class="state" aria-busy="true" />;
  // The facts believed for a field, of one film, or of every film (a sequel announced) or none (the trilogy).
  const fact = (filmId: string | undefined, field: string) =>
    state.facts.filter((f) => f.field === field && (filmId === undefined || f.filmId === filmId));
  return (
    <section class="state" aria-labelledby="state-heading">
      <h2 id="state-heading">State</h2>
      <p class="caption">{props.caption}</p>
      {state.films.length === 0 ? (
        <p>No film is known at these dates.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Film</th>
                <th scope="col">Status</th>
                <th scope="col">Release date</th>
                <th scope="col">Peak views</th>
              </tr>
            </thead>
            <tbody>
              {state.films.map((film) => (
                <tr key={film.filmId} data-film={film.filmId}>
                  <th scope="row">{film.title}</th>
                  <td data-field="status" data-label="Status">
                    {film.status}
                    {film.certainty === 'possible' && <span class="possible"> (possibly)</span>}
                  </td>
                  <td data-field="release" data-label="Release date">
                    <ReleaseCell film={film} facts={fact} onOpen={onOpen} />
                  </td>
                  <td data-field="views" data-label="Peak views">
                    {film.peakViews === null ? (
                      <span class="none">none reported</span>
                    ) : (
                      <FactButton
                        text={film.peakViews.toLocaleString('en-GB')}
                        facts={fact(film.filmId, 'views')}
                        windows={windows.get(film.filmId)}
                        onOpen={() => onOpen({ filmId: film.filmId, field: 'views' }, `Views of ${film.title}`)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl class="franchise-facts">
        <div data-field="sequel">
          <dt>Sequel announced</dt>
          <dd>
            <FactButton
              text={state.sequelAnnounced ? 'yes' : 'no'}
              facts={fact(undefined, 'announcedOn')}
              onOpen={() => onOpen({ field: 'announcedOn' }, 'Sequel announcements')}
            />
          </dd>
        </div>
        <div data-field="trilogy">
          <dt>Trilogy confirmed</dt>
          <dd>
            <FactButton
              text={state.trilogyConfirmed ? 'yes' : 'no'}
              facts={fact(undefined, 'confirmedOn')}
              onOpen={() => onOpen({ field: 'confirmedOn' }, 'Trilogy confirmation')}
            />
          </dd>
        </div>
      </dl>
    </section>
  );
}

function ReleaseCell(props: {
  film: Film;
  facts: (filmId: string | undefined, field: string) => StateFact[];
  onOpen: (fact: FactKey, title: string) => void;
}) {
  const { film, facts, onOpen } = props;
  if (film.releasedOn && film.releasedBetween) {
    return (
      <FactButton
        text={`${formatRange(film.releasedBetween)}${film.releasedBetween.earliest === film.releasedBetween.latest ? '' : ` (${film.releasedOn})`}`}
        facts={facts(film.filmId, 'releasedOn')}
        onOpen={() => onOpen({ filmId: film.filmId, field: 'releasedOn' }, `Release date of ${film.title}`)}
      />
    );
  }
  // Out (its views are reported) with no release date claimed: not "planned", whatever was scheduled.
  if (film.status === 'released') return <span class="none">released, date not reported</span>;
  if (film.scheduledOn && film.scheduledBetween) {
    return (
      <FactButton
        text={`planned: ${formatRange(film.scheduledBetween)}`}
        facts={facts(film.filmId, 'scheduledFor')}
        onOpen={() => onOpen({ filmId: film.filmId, field: 'scheduledFor' }, `Scheduled release of ${film.title}`)}
      />
    );
  }
  return <span class="none">not released</span>;
}

/**
 * A believed value as a button to its claims, marked when its sources disagree, and (views) when
 * counts over different windows differ: "inconsistent" when they cannot all be true.
 */
function FactButton(props: { text: string; facts: StateFact[]; windows?: ViewCountsCompared; onOpen: () => void }) {
  const inconsistent = props.windows?.consistent === false;
  const disputed = props.facts.some((f) => f.disputed) || inconsistent;
  return (
    <button type="button" class={`fact${disputed ? ' disputed' : ''}`} onClick={props.onOpen}>
      <span class="value">{props.text}</span>
      {disputed && (
        <span
          class="dispute"
          title={inconsistent ? 'Counts over different windows cannot all be true' : 'Sources disagree'}
        >
          <span aria-hidden="true">⚑</span> {inconsistent ? 'inconsistent' : 'disputed'}
        </span>
      )}
      {props.windows?.consistent && <span class="windows"> · {props.windows.counts.length} counts by window</span>}
      <span class="visually-hidden">: show the claims behind it</span>
    </button>
  );
}
