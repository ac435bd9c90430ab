import { useEffect, useRef, useState } from 'preact/hooks';
import type { TimelineEntry } from './api';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * The franchise's live stream of new timeline entries (Server-Sent Events). The browser reconnects
 * by itself and sends `Last-Event-ID`, so nothing recorded meanwhile is missed.
 */
export function useTimelineStream(
  franchiseId: string | undefined,
  onEntry: (entry: TimelineEntry) => void,
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onEntry);
  handler.current = onEntry;
  useEffect(() => {
    if (!franchiseId) return;
    setStatus('connecting');
    const source = new EventSource(`/franchises/${encodeURIComponent(franchiseId)}/timeline/stream`);
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus('reconnecting');
    source.addEventListener('entry', (event) => handler.current(JSON.parse((event as MessageEvent<string>).data)));
    return () => source.close();
  }, [franchiseId]);
  return status;
}
