// Counts are saved as they are made (after each scan, when a typed count's field is left, when the sheet is left),
// so a power cut or a reload loses at most the figure being typed: the core keeps the rest, and the list of open
// counts leads back to them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf, OutputOf } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { useAppDispatch } from '../../app/hooks.js';
import { whole } from './lot-actions.js';
import { stockWatchApi, useSwRecordCountMutation } from './stock-watch-api.js';

type Line = OutputOf<'inventory.getCountSheet'>['lines'][number];
/** The sheet names its lots' locations as text; they are the locations a count was started over. */
type CountLocation = InputOf<'inventory.recordCount'>['counts'][number]['location'];
type Message = { ok: boolean; text: string };
/** 'auto' saves the figures that read as whole numbers and says nothing yet of the others; 'all' saves nothing until every one reads. */
export type SaveMode = 'auto' | 'all';

/** The lines whose typed figure differs from what the core holds. */
function changedLines(lines: readonly Line[], typed: Record<string, string>): Line[] {
  return lines.filter((l) => typed[l.lotId] !== undefined && typed[l.lotId] !== (l.counted === null ? '' : String(l.counted)));
}

export function useCountSaver(stocktakeId: string, lines: readonly Line[], report: (m: Message) => void) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [record] = useSwRecordCountMutation();
  const [typed, setTypedState] = useState<Record<string, string>>({});
  // Also in refs, so that a save queued behind another reads the figures and lines there when it runs.
  const typedRef = useRef<Record<string, string>>({});
  const linesRef = useRef(lines);
  useEffect(() => {
    linesRef.current = lines;
  }, [lines]);
  const queue = useRef<Promise<boolean>>(Promise.resolve(true));
  /** Lots still to count, as the core last said. */
  const uncounted = useRef<number | null>(null);

  const setTyped = useCallback((next: (m: Record<string, string>) => Record<string, string>) => {
    typedRef.current = next(typedRef.current);
    setTypedState(typedRef.current);
  }, []);

  const saveNow = useCallback(
    async (mode: SaveMode): Promise<boolean> => {
      const pending = typedRef.current;
      const live = changedLines(linesRef.current, pending);
      const unreadable = live.find((l) => Number.isNaN(whole(pending[l.lotId] ?? '')));
      if (mode === 'all' && unreadable) {
        report({ ok: false, text: t('stockWatch.stocktake.badCount', { name: unreadable.name, batch: unreadable.batch }) });
        return false;
      }
      const sending = live.filter((l) => !Number.isNaN(whole(pending[l.lotId] ?? '')));
      if (sending.length === 0) {
        // Pressing Save always answers, even when every figure was saved already as it was made.
        if (mode === 'all') {
          const left = uncounted.current ?? linesRef.current.filter((l) => l.counted === null).length;
          report({ ok: true, text: t('stockWatch.stocktake.allSaved', { uncounted: left }) });
        }
        return unreadable === undefined;
      }
      const sent = new Map(sending.map((l) => [l.lotId, pending[l.lotId] ?? '']));
      const result = await record({
        stocktakeId,
        counts: sending.map((l) => ({ productId: l.productId, batch: l.batch, location: l.location as CountLocation, counted: whole(sent.get(l.lotId) ?? '') })),
      });
      if ('error' in result && result.error) {
        report({ ok: false, text: errorWords(t, result.error) });
        return false;
      }
      // The sheet shows the saved figures at once (the refetch that follows confirms them); a figure changed again
      // while its save was on the way stays typed, to be saved next.
      dispatch(
        stockWatchApi.util.updateQueryData('swCountSheet', stocktakeId, (draft) => {
          for (const l of draft.lines) if (sent.has(l.lotId)) l.counted = whole(sent.get(l.lotId) ?? '');
        }),
      );
      uncounted.current = result.data.uncounted;
      setTyped((m) => Object.fromEntries(Object.entries(m).filter(([lotId, text]) => sent.get(lotId) !== text)));
      if (mode === 'all') report({ ok: true, text: t('stockWatch.stocktake.saved', { count: result.data.recorded, uncounted: result.data.uncounted }) });
      return unreadable === undefined;
    },
    [dispatch, record, report, setTyped, stocktakeId, t],
  );

  /** Saves run one after another, so two never race over the same lot. */
  const save = useCallback(
    (mode: SaveMode): Promise<boolean> => {
      const next = queue.current.then(() => saveNow(mode));
      queue.current = next.catch(() => false);
      return next;
    },
    [saveNow],
  );

  // Leaving the sheet (another tab or section, putting the count aside) saves what was typed.
  const latest = useRef(save);
  useEffect(() => {
    latest.current = save;
  }, [save]);
  useEffect(() => () => void latest.current('auto'), []);

  return { typed, setTyped, save };
}
