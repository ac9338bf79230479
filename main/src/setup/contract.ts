import { z } from 'zod';
import { usernameSchema, passwordSchema, pinSchema, sessionSchema } from '../people/contract.js';

export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR or USD');

export const pharmacySchema = z.object({
  name: z.string().trim().min(2).max(120),
  address: z.string().trim().min(5).max(400),
  taxId: z.string().trim().min(2).max(40),
  baseCurrency: currencyCodeSchema,
  locale: z.string().min(2).max(20).default('en'),
  terminalName: z.string().trim().min(1).max(60).default('Counter 1'),
});
export type Pharmacy = z.infer<typeof pharmacySchema>;

export const setupStatusSchema = z.object({
  initialized: z.boolean(),
  pharmacy: z
    .object({ name: z.string(), baseCurrency: z.string(), locale: z.string(), terminalName: z.string() })
    .nullable(),
  demoLoaded: z.boolean(),
});

export const setupOperations = {
  'setup.getStatus': {
    input: z.object({}),
    output: setupStatusSchema,
    permission: null,
    writes: false,
    topics: [],
    summary: 'Whether this terminal has been set up yet.',
  },
  'setup.initialize': {
    input: z.object({
      pharmacy: pharmacySchema,
      admin: z.object({
        username: usernameSchema,
        displayName: z.string().trim().min(1).max(100),
        password: passwordSchema,
        pin: pinSchema.optional(),
      }),
    }),
    output: sessionSchema,
    permission: null,
    writes: true,
    topics: ['settings', 'users', 'session'],
    summary: 'First run: create the pharmacy, this terminal and the first administrator, and log them in.',
  },
} as const;
