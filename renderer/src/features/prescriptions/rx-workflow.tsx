// One prescription from the page to the bag: bring the image in, review and save what was read, then check,
// sign and dispense it. Each step hands the next what it made.
import { useState } from 'react';
import type { Prescription, PrescriptionReadingOut, SessionInfo } from '@mortar/main/contract';
import { IntakePanel } from './intake-panel.js';
import { ReviewPanel } from './review-panel.js';
import { SavedPanel } from './saved-panel.js';

type Step =
  | { kind: 'intake' }
  | { kind: 'review'; reading: PrescriptionReadingOut; imageUrl: string }
  | { kind: 'saved'; prescription: Prescription; reading: PrescriptionReadingOut | null; imageUrl: string | null };

export function RxWorkflow({ session }: { session: SessionInfo }) {
  const [step, setStep] = useState<Step>({ kind: 'intake' });
  const startOver = () => setStep({ kind: 'intake' });
  switch (step.kind) {
    case 'intake':
      return (
        <IntakePanel canManageFolder={session.permissions.includes('settings.manage')}
          onRead={(reading, imageUrl) => setStep({ kind: 'review', reading, imageUrl })} />
      );
    case 'review':
      return (
        <ReviewPanel reading={step.reading} imageUrl={step.imageUrl} onCancel={startOver}
          onSaved={(prescription) => setStep({ kind: 'saved', prescription, reading: step.reading, imageUrl: step.imageUrl })} />
      );
    case 'saved':
      return <SavedPanel session={session} prescription={step.prescription} onDone={startOver} />;
  }
}
