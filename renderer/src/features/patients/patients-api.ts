// The Customers section's endpoints, injected into the one RTK Query api. Clinical reads (profile, medication
// history) are fetched afresh each time a profile is opened, never served from cache: the core writes the
// access-log row for each read, so a view the core did not see would be a view the log does not show.
import type { InputOf, OperationName, OutputOf } from '@mortar/main/contract';
import { api, type Call } from '../../app/api.js';

function call<N extends OperationName>(op: N, input: InputOf<N>): Call {
  return { op, input };
}

export const patientsApi = api.injectEndpoints({
  endpoints: (build) => ({
    searchPatients: build.query<OutputOf<'patients.searchPatients'>, InputOf<'patients.searchPatients'>>({
      query: (input) => call('patients.searchPatients', input),
      providesTags: ['patients', 'rx'],
    }),
    getPatient: build.query<OutputOf<'patients.getPatient'>, InputOf<'patients.getPatient'>>({
      query: (input) => call('patients.getPatient', input),
      providesTags: ['patients'],
      keepUnusedDataFor: 0,
    }),
    patientHistory: build.query<OutputOf<'patients.getMedicationHistory'>, InputOf<'patients.getMedicationHistory'>>({
      query: (input) => call('patients.getMedicationHistory', input),
      providesTags: ['patients', 'rx'],
      keepUnusedDataFor: 0,
    }),
    patientAccessLog: build.query<OutputOf<'patients.listAccessLog'>, InputOf<'patients.listAccessLog'>>({
      query: (input) => call('patients.listAccessLog', input),
      providesTags: ['patients'],
      keepUnusedDataFor: 0,
    }),
    createPatient: build.mutation<OutputOf<'patients.createPatient'>, InputOf<'patients.createPatient'>>({
      query: (input) => call('patients.createPatient', input),
      invalidatesTags: ['patients'],
    }),
    updatePatient: build.mutation<OutputOf<'patients.updatePatient'>, InputOf<'patients.updatePatient'>>({
      query: (input) => call('patients.updatePatient', input),
      invalidatesTags: ['patients'],
    }),
  }),
});

export const {
  useSearchPatientsQuery,
  useGetPatientQuery,
  usePatientHistoryQuery,
  usePatientAccessLogQuery,
  useCreatePatientMutation,
  useUpdatePatientMutation,
} = patientsApi;
