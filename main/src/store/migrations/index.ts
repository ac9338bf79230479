import type { Migration } from '../migrate.js';
import { migration0001 } from './0001-foundation.js';
import { migration0002 } from './0002-catalog.js';
import { migration0003 } from './0003-stock-ledger.js';
import { migration0004 } from './0004-sales.js';
import { migration0005 } from './0005-inventory.js';
import { migration0006 } from './0006-purchase-orders.js';
import { migration0007 } from './0007-prescriptions.js';
import { migration0008 } from './0008-printing.js';
import { migration0009 } from './0009-sync-client.js';
import { migration0010 } from './0010-expiry-alerts.js';
import { migration0011 } from './0011-controlled-register.js';
import { migration0012 } from './0012-rx-till.js';
import { migration0013 } from './0013-head-office-data.js';
import { migration0014 } from './0014-print-labels.js';
import { migration0015 } from './0015-expiry-in-stock.js';
import { migration0016 } from './0016-expiry-value-on-hand.js';
import { migration0017 } from './0017-audit-outbox.js';
import { migration0018 } from './0018-sync-credential.js';
import { migration0019 } from './0019-patient-merge.js';
import { migration0020 } from './0020-exception-acknowledgement.js';
import { migration0021 } from './0021-rx-branch.js';
import { migration0022 } from './0022-outbox-hlc.js';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018, migration0019, migration0020, migration0021, migration0022];
