import { useState } from 'preact/hooks';
import type { Franchise } from './api';

/** Picks a franchise by its title, an alias or its id, without regard to case or accents. */
export function FranchisePicker(props: {
  franchises: Franchise[];
  current?: Franchise;
  onPick: (franchise: Franchise) => void;
}) {
  const [query, setQuery] = useState('');
  const wanted = fold(query);
  const matches = props.franchises
    .filter((f) => !wanted || [f.title, f.id, ...f.aliases].some((name) => fold(name).includes(wanted)))
    .slice(0, 12);
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
        aria-describedby="franchise-results-note"
      />
      <p id="franchise-results-note" class="visually-hidden" aria-live="polite">
        {matches.length === 0 ? 'No franchise matches.' : `${matches.length} franchise(s) match.`}
      </p>
      <ul class="picker-results" aria-label="Franchises">
        {matches.map((franchise) => (
          <li key={franchise.id}>
            <button
              type="button"
              aria-current={franchise.id === props.current?.id ? 'true' : undefined}
              onClick={() => props.onPick(franchise)}
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
