// A patient's prescriptions as the refill counter needs them: who verified each and at which till, and per item
// the fills at every till of the branch, refills left, the last fill and when the next refill is due. What can
// be dispensed now is the core's judgement (rx.listPatientPrescriptions), never worked out here.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { formatCalendarDate, formatDateTime } from '../../format/dates.js';
import { useListPatientRxQuery } from './prescriptions-api.js';

export type ListedRx = OutputOf<'rx.listPatientPrescriptions'>['prescriptions'][number];
type ListedItem = ListedRx['items'][number];

function DueCell({ item, now }: { item: ListedItem; now: number }) {
  const { t, i18n } = useTranslation();
  if (item.blockedBy === 'noRefillsLeft') return <td>—</td>;
  if (item.fills === 0) return <td>{t('prescriptions.refills.firstFill')}</td>;
  if (item.refillDueAt === null) return <td>{t('prescriptions.refills.dueUnknown')}</td>;
  if (item.refillDueAt <= now) return <td data-testid="rx-refill-due">{t('prescriptions.refills.dueNow')}</td>;
  return (
    <td data-testid="rx-refill-due">
      <strong className="warning">{t('prescriptions.refills.dueOn', { when: formatDateTime(item.refillDueAt, i18n.language) })}</strong>
    </td>
  );
}

function Provenance({ rx }: { rx: ListedRx }) {
  const { t, i18n } = useTranslation();
  if (rx.status === 'draft') return <p className="muted" data-testid="rx-refill-provenance">{t('prescriptions.refills.draft')}</p>;
  const signed = rx.signedAt !== null && rx.signerName !== null ? t('prescriptions.refills.signed', { name: rx.signerName, when: formatDateTime(rx.signedAt, i18n.language) }) : '';
  const where =
    rx.origin === 'otherTill'
      ? t('prescriptions.refills.otherTill', { device: rx.fromDeviceId ?? '', when: rx.receivedAt === null ? '' : formatDateTime(rx.receivedAt, i18n.language) })
      : t('prescriptions.refills.thisTill');
  return (
    <p className="muted" data-testid="rx-refill-provenance" data-origin={rx.origin}>
      {signed} {where}
    </p>
  );
}

function RxCard({ rx, now, onChoose }: { rx: ListedRx; now: number; onChoose: (rx: ListedRx, now: number) => void }) {
  const { t, i18n } = useTranslation();
  const headingId = `rx-refill-${rx.id}`;
  return (
    <li className="panel rx-refill" data-testid="rx-refill-rx" data-rx={rx.id} aria-labelledby={headingId}>
      <h4 id={headingId} tabIndex={-1}>
        {t('prescriptions.refills.heading', { rx: rx.rxNumber, date: formatCalendarDate(rx.writtenDate, i18n.language), prescriber: rx.prescriberName })}
      </h4>
      <Provenance rx={rx} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('prescriptions.refills.columns.medicine')}</th>
            <th scope="col" className="num">{t('prescriptions.refills.columns.quantity')}</th>
            <th scope="col" className="num">{t('prescriptions.refills.columns.fills')}</th>
            <th scope="col" className="num">{t('prescriptions.refills.columns.refillsLeft')}</th>
            <th scope="col">{t('prescriptions.refills.columns.lastFill')}</th>
            <th scope="col">{t('prescriptions.refills.columns.due')}</th>
            <th scope="col">{t('prescriptions.refills.columns.state')}</th>
          </tr>
        </thead>
        <tbody>
          {rx.items.map((i) => (
            <tr key={i.lineNo} data-testid="rx-refill-item" data-dispensable={i.dispensable}>
              <td>{i.productName ?? [i.ingredient, i.strength].filter(Boolean).join(' ')}</td>
              <td className="num">{i.quantity}</td>
              <td className="num">{t('prescriptions.refills.fillsOf', { fills: i.fills, allowed: 1 + i.refills })}</td>
              <td className="num" data-testid="rx-refill-left">{i.refillsLeft}</td>
              <td>{i.lastFillAt === null ? t('prescriptions.refills.neverFilled') : formatDateTime(i.lastFillAt, i18n.language)}</td>
              <DueCell item={i} now={now} />
              <td data-testid="rx-refill-state">
                {i.blockedBy === null ? t('prescriptions.refills.dispensable') : t(`prescriptions.refills.blockedBy.${i.blockedBy}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rx.dispensable ? (
        <div className="actions">
          <button type="button" className="primary" data-testid="rx-refill-choose" onClick={() => onChoose(rx, now)}>
            {t('prescriptions.refills.choose', { rx: rx.rxNumber })}
          </button>
        </div>
      ) : null}
    </li>
  );
}

export function PatientRxList({ patientId, patientName, focusRx, onChoose }: {
  patientId: string;
  patientName: string;
  /** The prescription to put the cursor on once the list is shown (the one whose dispense was just left). */
  focusRx: string | null;
  /** With the time the list was answered, against which its due dates were judged. */
  onChoose: (rx: ListedRx, now: number) => void;
}) {
  const { t } = useTranslation();
  const list = useListPatientRxQuery({ patientId });
  const ref = useRef<HTMLElement>(null);
  const shown = list.data !== undefined;
  // Due dates are judged against the time the list was answered (always set once it was), not re-judged while it stays on screen.
  const now = list.fulfilledTimeStamp ?? 0;

  useEffect(() => {
    if (!shown || focusRx === null) return;
    const card = ref.current?.querySelector<HTMLElement>(`[data-rx="${focusRx}"]`);
    // Its button, or its heading once nothing of it can be dispensed any more.
    (card?.querySelector<HTMLButtonElement>('[data-testid="rx-refill-choose"]') ?? card?.querySelector<HTMLElement>('h4'))?.focus();
  }, [shown, focusRx]);
  if (list.error) {
    return (
      <p className="banner banner-error" role="alert" data-testid="rx-refill-error">
        {errorWords(t, list.error)}
      </p>
    );
  }
  if (!list.data) return <p className="muted" role="status">{t('prescriptions.refills.loading')}</p>;
  const { prescriptions, more } = list.data;
  return (
    <section aria-label={t('prescriptions.refills.list', { name: patientName })} data-testid="rx-refill-list" ref={ref}>
      {prescriptions.length === 0 ? <p className="muted" data-testid="rx-refill-none">{t('prescriptions.refills.none')}</p> : null}
      <ul className="rx-refill-list" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: '0.75rem' }}>
        {prescriptions.map((rx) => (
          <RxCard key={rx.id} rx={rx} now={now} onChoose={onChoose} />
        ))}
      </ul>
      {more ? <p className="muted">{t('prescriptions.refills.more', { count: prescriptions.length })}</p> : null}
    </section>
  );
}
