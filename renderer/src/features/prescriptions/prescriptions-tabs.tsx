// The tabs of the Prescriptions section, as data: each names its words, the permission it needs (a tab the
// user's role lacks is not shown) and what it renders. Other prescription work adds its tab to this list.
import type { ReactNode } from 'react';
import type { Permission, SessionInfo } from '@mortar/main/contract';
import { ControlledRegisterPanel } from '../controlled-register/controlled-register-panel.js';
import { RefillsPanel } from './refills-panel.js';
import { RxWorkflow } from './rx-workflow.js';

export type PrescriptionsTab = {
  id: string;
  /** An i18n key. */
  labelKey: string;
  permission?: Permission;
  render: (props: { session: SessionInfo }) => ReactNode;
};

export const prescriptionsTabs: PrescriptionsTab[] = [
  { id: 'new', labelKey: 'prescriptions.tabs.new', permission: 'patients.readClinical', render: ({ session }) => <RxWorkflow session={session} /> },
  { id: 'controlled-register', labelKey: 'controlledRegister.tab', permission: 'rx.verify', render: () => <ControlledRegisterPanel /> },
  { id: 'refills', labelKey: 'prescriptions.tabs.refills', permission: 'rx.verify', render: () => <RefillsPanel /> },
];
