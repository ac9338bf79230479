import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@mortar/main/contract';
import { useListAuditEntriesQuery, useVerifyAuditChainMutation } from '../../app/api.js';
import { errorWords } from '../../app/api-error.js';
import { useAppSelector } from '../../app/hooks.js';
import { formatDateTime } from '../../format/dates.js';
import { Kbd } from '../../ui/field.js';

export const AUDIT_PAGE_SIZE = 50;

export function AuditLog({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  if (!session.permissions.includes('audit.read')) {
    return (
      <section className="panel" aria-labelledby="audit-title">
        <h2 id="audit-title">{t('audit.title')}</h2>
        <p className="banner banner-info" data-testid="audit-not-allowed">
          {t('audit.notAllowed', { role: t(`roles.${session.user.role}`) })}
        </p>
      </section>
    );
  }
  return <AuditEntries />;
}

function AuditEntries() {
  const { t, i18n } = useTranslation();
  const focusRequest = useAppSelector((s) => s.navigation.focusRequest);
  // Pages are walked by the sequence number below which the next page starts; undefined is the newest page.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const beforeSeq = cursors[cursors.length - 1];
  const list = useListAuditEntriesQuery(beforeSeq === undefined ? { limit: AUDIT_PAGE_SIZE } : { beforeSeq, limit: AUDIT_PAGE_SIZE });
  const [verify, verification] = useVerifyAuditChainMutation();
  const verifyRef = useRef<HTMLButtonElement>(null);
  const entries = list.data ?? [];
  const oldest = entries[entries.length - 1];
  const hasOlder = entries.length === AUDIT_PAGE_SIZE && oldest !== undefined && oldest.seq > 1;
  const hasNewer = cursors.length > 1;

  useEffect(() => verifyRef.current?.focus(), [focusRequest]);

  const older = () => {
    if (hasOlder && oldest) setCursors((c) => [...c, oldest.seq]);
  };
  const newer = () => {
    if (hasNewer) setCursors((c) => c.slice(0, -1));
  };
  const newest = () => setCursors([undefined]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) {
        if (e.altKey && !e.ctrlKey && e.key.toLowerCase() === 'v') {
          e.preventDefault();
          void verify();
        }
        return;
      }
      if (e.key === 'PageDown') older();
      else if (e.key === 'PageUp') newer();
      else if (e.key === 'Home' && !(e.target instanceof HTMLInputElement)) newest();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const result = verification.data;
  return (
    <section className="panel audit" aria-labelledby="audit-title">
      <header className="panel-head">
        <h2 id="audit-title">{t('audit.title')}</h2>
        <div className="actions">
          <button type="button" ref={verifyRef} data-testid="audit-verify" onClick={() => void verify()}
            disabled={verification.isLoading}>
            {t('audit.verify')} <Kbd>Alt+V</Kbd>
          </button>
        </div>
      </header>
      <div role="status" aria-live="polite">
        {verification.isLoading ? <p className="muted">{t('audit.verifying')}</p> : null}
        {result ? (
          <p data-testid="audit-verify-result" className={result.ok ? 'banner banner-ok' : 'banner banner-error'}>
            {result.ok
              ? t('audit.chainIntact', { count: result.entries })
              : t('audit.chainBroken', {
                  seq: result.firstBroken?.seq ?? '?',
                  reason: t(`audit.breakReasons.${result.firstBroken?.reason ?? 'hashMismatch'}`),
                  count: result.entries,
                })}
          </p>
        ) : null}
        {verification.error ? (
          <p data-testid="audit-verify-result" className="banner banner-error">
            {errorWords(t, verification.error)}
          </p>
        ) : null}
      </div>
      {list.error ? (
        <p className="banner banner-error" role="alert">
          {errorWords(t, list.error)}
        </p>
      ) : null}
      <table className="table audit-table" aria-busy={list.isFetching}>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('audit.seq')}
            </th>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.entity')}</th>
            <th scope="col">{t('audit.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td className="num">{e.seq}</td>
              <td>{formatDateTime(e.at, i18n.language)}</td>
              <td>
                {e.actorName ?? t('audit.system')}
                {e.approvedById ? <span className="badge">{t('audit.override')}</span> : null}
              </td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.entityType}
                {e.entityId ? <span className="muted"> {e.entityId.slice(0, 8)}</span> : null}
              </td>
              <td>{e.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && entries.length === 0 ? <p className="empty">{t('audit.empty')}</p> : null}
      <div className="pager">
        <button type="button" onClick={newest} disabled={!hasNewer}>
          {t('audit.newest')} <Kbd>Home</Kbd>
        </button>
        <button type="button" onClick={newer} disabled={!hasNewer} data-testid="audit-newer">
          {t('audit.newer')} <Kbd>PgUp</Kbd>
        </button>
        <button type="button" onClick={older} disabled={!hasOlder} data-testid="audit-older">
          {t('audit.older')} <Kbd>PgDn</Kbd>
        </button>
      </div>
    </section>
  );
}
