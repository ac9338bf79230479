// The Inventory section (F3): a tab strip over the catalog, receiving, purchasing and the other inventory
// areas. Keyboard first (CONVENTIONS.md 9): arrow keys, Home and End move along the tablist, and Alt+1..9
// jump to a tab from anywhere in the section.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@mortar/main/contract';
import { useAppSelector } from '../../app/hooks.js';
import { inventoryTabs, type InventoryTab } from './inventory-tabs.js';

export function visibleTabs(tabs: readonly InventoryTab[], session: SessionInfo): InventoryTab[] {
  return tabs.filter((tab) => tab.permission === undefined || session.permissions.includes(tab.permission));
}

/** Alt+1..9 (not with Ctrl, Meta or Shift) as a tab index, else null. */
export function altDigit(e: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>): number | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  // The code, not the key: on a Mac, Alt+digit types a symbol.
  const m = /^Digit([1-9])$/.exec(e.code) ?? /^([1-9])$/.exec(e.key);
  return m ? Number(m[1]) - 1 : null;
}

export type InventoryScreenProps = { session: SessionInfo; tabs?: readonly InventoryTab[] };

export function InventoryScreen({ session, tabs = inventoryTabs }: InventoryScreenProps) {
  const { t } = useTranslation();
  const shown = useMemo(() => visibleTabs(tabs, session), [tabs, session]);
  const [chosen, setChosen] = useState(shown[0]?.id ?? '');
  const current = shown.find((tab) => tab.id === chosen) ?? shown[0];
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  // "/" asks for the catalog search from anywhere: back to the first tab (the catalog), which focuses it.
  const searchRequest = useAppSelector((s) => s.navigation.searchRequest);
  const [seenSearch, setSeenSearch] = useState(searchRequest);
  if (searchRequest !== seenSearch) {
    setSeenSearch(searchRequest);
    setChosen(shown[0]?.id ?? '');
  }

  const choose = (id: string, focus: boolean) => {
    setChosen(id);
    if (focus) tabRefs.current.get(id)?.focus();
  };

  const latest = useRef({ shown, locked: session.locked });
  useEffect(() => {
    latest.current = { shown, locked: session.locked };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { shown: list, locked } = latest.current;
      if (locked) return;
      const i = altDigit(e);
      const tab = i === null ? undefined : list[i];
      if (!tab) return;
      e.preventDefault();
      setChosen(tab.id);
      tabRefs.current.get(tab.id)?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onTabKey = (e: ReactKeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = shown.length - 1;
    const to: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const target = to[e.key];
    const tab = target === undefined ? undefined : shown[target];
    if (!tab) return;
    e.preventDefault();
    choose(tab.id, true);
  };

  if (!current) {
    return (
      <section className="inventory" aria-label={t('nav.inventory')}>
        <p className="empty">{t('inventory.noTabs')}</p>
      </section>
    );
  }

  return (
    <section className="inventory" aria-label={t('nav.inventory')} data-testid="inventory">
      <div role="tablist" aria-label={t('inventory.tabsLabel')} className="tabs inventory-tabs" style={{ flexWrap: 'wrap' }}>
        {shown.map((tab, i) => {
          const selected = tab.id === current.id;
          return (
            <button key={tab.id} type="button" role="tab" id={`inventory-tab-${tab.id}`} data-testid={`inventory-tab-${tab.id}`}
              aria-selected={selected} aria-controls={`inventory-panel-${tab.id}`} tabIndex={selected ? 0 : -1}
              aria-keyshortcuts={i < 9 ? `Alt+${i + 1}` : undefined}
              className={selected ? 'tab active' : 'tab'}
              ref={(el) => {
                if (el) tabRefs.current.set(tab.id, el);
                else tabRefs.current.delete(tab.id);
              }}
              onClick={() => choose(tab.id, false)} onKeyDown={(e) => onTabKey(e, i)}>
              {i < 9 ? <span className="tab-key" aria-hidden="true">{i + 1}</span> : null}
              {t(tab.labelKey)}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`inventory-panel-${current.id}`} aria-labelledby={`inventory-tab-${current.id}`}
        className="inventory-panel" style={{ minWidth: 0 }} data-testid={`inventory-panel-${current.id}`}>
        {current.render({ session })}
      </div>
    </section>
  );
}
