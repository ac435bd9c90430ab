import { useState } from 'preact/hooks';
import type { Franchise } from './api';

/** How many matches are offered at once: type more to narrow them. */
const SHOWN = 12;

/** Picks a franchise by its title, an alias or its id, without regard to case or accents. */
export function FranchisePicker(props: {
  franchises: Franchise[];
  current?: Franchise;
  onPick: (franchise: Franchise) => void;
}) {
  const [query, setQuery] = useState('');
  const wanted = fold(query);
  const found = props.franchises.filter(
    (f) => !wanted || [f.title, f.id, ...f.aliases].some((name) => fold(name).includes(wanted)),
  );
  const matches = found.slice(0, SHOWN);
  const pick = (franchise: Franchise) => {
    setQuery('');
    props.onPick(franchise);
  };
  return (
    <div class="picker">
      <label for="franchise-search">Franchise</label>
      <input
        id="franchise-search"
        type="search"
        placeholder="Search by title or alias"
        autocomplete="off"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0]) pick(matches[0]);
        }}
        aria-describedby="franchise-results-note"
      />
      <p
        id="franchise-results-note"
        class={wanted || found.length > SHOWN ? 'hint' : 'visually-hidden'}
        aria-live="polite"
      >
        {found.length === 0
          ? 'No franchise matches.'
          : found.length === 1
            ? 'One franchise matches; Enter picks it.'
            : `${found.length} franchises match${found.length > SHOWN ? `, the first ${SHOWN} shown` : ''}; Enter picks the first.`}
      </p>
      <ul class="picker-results" aria-label="Franchises">
        {matches.map((franchise) => (
          <li key={franchise.id}>
            <button
              type="button"
              aria-current={franchise.id === props.current?.id ? 'true' : undefined}
              onClick={() => pick(franchise)}
            >
              {franchise.title}
              {franchise.aliases.length > 0 && <span class="aliases"> ({franchise.aliases.join(', ')})</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}
