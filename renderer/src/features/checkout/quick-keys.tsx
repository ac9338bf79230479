// Keyboard first (CONVENTIONS.md 9): quick keys put fast-moving loose or unlabelled products one press away
// (Alt+F1..Alt+F8). A key adds one pack through the same cart command a search pick uses, so the core's
// refusals (quantity limits, prescription-only, expiry) apply to it exactly as to a scan.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf, OutputOf, QuickKey } from '@mortar/main/contract';
import { api, useGetSettingsQuery } from '../../app/api.js';
import { Kbd } from '../../ui/field.js';
import type { CartCommands } from './cart-commands.js';
import type { CartLineState } from './cart-slice.js';
import { inDialog } from './keys.js';

export const QUICK_KEY_COUNT = 8;

// The checkout's own write, kept beside the checkout; it refreshes the settings every till reads its keys from.
const quickKeysApi = api.injectEndpoints({
  endpoints: (build) => ({
    setQuickKeys: build.mutation<OutputOf<'settings.setQuickKeys'>, InputOf<'settings.setQuickKeys'>>({
      query: (input) => ({ op: 'settings.setQuickKeys', input }),
      invalidatesTags: ['settings'],
    }),
  }),
});

/** Alt+F1..Alt+F8 → 0..7; the plain F keys stay the frame's section keys. */
export function quickKeyIndex(e: KeyboardEvent): number | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const m = /^F([1-8])$/.exec(e.key);
  return m ? Number(m[1]) - 1 : null;
}

const shortLabel = (name: string) => name.trim().slice(0, 24);

export type QuickKeysProps = { active: boolean; commands: CartCommands; canEdit: boolean; line: CartLineState | undefined; blocked: boolean };

export function QuickKeys({ active, commands, canEdit, line, blocked }: QuickKeysProps) {
  const { t } = useTranslation();
  const settings = useGetSettingsQuery();
  const [update, saving] = quickKeysApi.useSetQuickKeysMutation();
  const keys: QuickKey[] = settings.data?.quickKeys ?? [];

  const latest = useRef({ keys, blocked });
  useEffect(() => {
    latest.current = { keys, blocked };
  });

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const index = quickKeyIndex(e);
      if (index === null || latest.current.blocked || inDialog(e.target)) return;
      // Alt+F4 and friends must not reach the window manager or browser while the till uses them.
      e.preventDefault();
      const key = latest.current.keys[index];
      if (key) void commands.pick(key.productId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, commands]);

  const save = (next: QuickKey[]) => void update({ quickKeys: next });
  const canAdd = canEdit && line !== undefined && keys.length < QUICK_KEY_COUNT && !keys.some((k) => k.productId === line.productId);

  if (keys.length === 0 && !canEdit) return null;
  return (
    <section className="quick-keys" aria-label={t('checkout.quickKeys.label')} data-testid="quick-keys">
      <ul className="quick-key-grid">
        {keys.map((key, i) => (
          <li key={key.productId}>
            <button type="button" data-testid="quick-key" onClick={() => void commands.pick(key.productId)}>
              {key.label} <Kbd>{`Alt+F${i + 1}`}</Kbd>
            </button>
            {canEdit ? (
              <button type="button" className="ghost" data-testid="quick-key-remove" disabled={saving.isLoading}
                aria-label={t('checkout.quickKeys.remove', { label: key.label })}
                onClick={() => save(keys.filter((k) => k.productId !== key.productId))}>
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit && line ? (
        <button type="button" className="ghost" data-testid="quick-key-add" disabled={!canAdd || saving.isLoading}
          onClick={() => save([...keys, { productId: line.productId, label: shortLabel(line.name) }])}>
          {t('checkout.quickKeys.add', { name: line.name })}
        </button>
      ) : null}
      {saving.isError ? <p className="banner banner-error" role="alert">{t('checkout.quickKeys.notSaved')}</p> : null}
    </section>
  );
}
