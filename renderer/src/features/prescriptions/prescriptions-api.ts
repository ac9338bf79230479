// The prescription endpoints, injected into the one RTK Query api: reading an image, saving the reviewed
// draft, the checks, the signature and the dispense, and the patient search and profile the review needs.
import type { InputOf, OperationName, OutputOf } from '@mortar/main/contract';
import { api, type Call } from '../../app/api.js';

function call<N extends OperationName>(op: N, input: InputOf<N>): Call {
  return { op, input };
}

export const prescriptionsApi = api.injectEndpoints({
  endpoints: (build) => ({
    // A mutation, not a query: reading a page is slow and is asked for once, by a person, never re-fetched.
    readRxImage: build.mutation<OutputOf<'rx.readImage'>, InputOf<'rx.readImage'>>({
      query: (input) => call('rx.readImage', input),
    }),
    saveRx: build.mutation<OutputOf<'rx.save'>, InputOf<'rx.save'>>({
      query: (input) => call('rx.save', input),
      invalidatesTags: ['rx'],
    }),
    getRx: build.query<OutputOf<'rx.getPrescription'>, InputOf<'rx.getPrescription'>>({
      query: (input) => call('rx.getPrescription', input),
      providesTags: ['rx'],
    }),
    // A patient's prescriptions for a refill: fills at every till, refills left, due dates. Fresh after a dispense.
    listPatientRx: build.query<OutputOf<'rx.listPatientPrescriptions'>, InputOf<'rx.listPatientPrescriptions'>>({
      query: (input) => call('rx.listPatientPrescriptions', input),
      providesTags: ['rx', 'patients'],
    }),
    checkRx: build.query<OutputOf<'rx.check'>, InputOf<'rx.check'>>({
      query: (input) => call('rx.check', input),
      providesTags: ['rx', 'patients'],
    }),
    verifyRx: build.mutation<OutputOf<'rx.verify'>, InputOf<'rx.verify'>>({
      query: (input) => call('rx.verify', input),
      invalidatesTags: ['rx'],
    }),
    dispenseRx: build.mutation<OutputOf<'rx.dispense'>, InputOf<'rx.dispense'>>({
      query: (input) => call('rx.dispense', input),
      invalidatesTags: ['rx', 'stock', 'patients'],
    }),
    printRxLabels: build.mutation<OutputOf<'printing.printLabels'>, InputOf<'printing.printLabels'>>({
      query: (input) => call('printing.printLabels', input),
      invalidatesTags: ['printing'],
    }),
    parseRxSig: build.query<OutputOf<'rx.parseSig'>, InputOf<'rx.parseSig'>>({
      query: (input) => call('rx.parseSig', input),
    }),
    listReadyRx: build.query<OutputOf<'rx.listReady'>, void>({
      query: () => call('rx.listReady', {}),
      providesTags: ['rx', 'sales'],
    }),
    listIntakeFolder: build.query<OutputOf<'rx.listIntakeFolder'>, void>({
      query: () => call('rx.listIntakeFolder', {}),
      providesTags: ['settings'],
    }),
    setIntakeFolder: build.mutation<OutputOf<'rx.setIntakeFolder'>, InputOf<'rx.setIntakeFolder'>>({
      query: (input) => call('rx.setIntakeFolder', input),
      invalidatesTags: ['settings'],
    }),
    // The page leaves the folder once read, so the listing is asked again.
    takeIntakeFile: build.mutation<OutputOf<'rx.takeIntakeFile'>, InputOf<'rx.takeIntakeFile'>>({
      query: (input) => call('rx.takeIntakeFile', input),
      invalidatesTags: ['settings'],
    }),
    searchRxPatients: build.query<OutputOf<'patients.searchPatients'>, InputOf<'patients.searchPatients'>>({
      query: (input) => call('patients.searchPatients', input),
      providesTags: ['patients'],
    }),
    createRxPatient: build.mutation<OutputOf<'patients.createPatient'>, InputOf<'patients.createPatient'>>({
      query: (input) => call('patients.createPatient', input),
      invalidatesTags: ['patients'],
    }),
  }),
});

export const {
  useReadRxImageMutation,
  useSaveRxMutation,
  useGetRxQuery,
  useCheckRxQuery,
  useListPatientRxQuery,
  useVerifyRxMutation,
  useDispenseRxMutation,
  usePrintRxLabelsMutation,
  useParseRxSigQuery,
  useListReadyRxQuery,
  useListIntakeFolderQuery,
  useSetIntakeFolderMutation,
  useTakeIntakeFileMutation,
  useSearchRxPatientsQuery,
  useCreateRxPatientMutation,
} = prescriptionsApi;
