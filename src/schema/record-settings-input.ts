/** The recording settings bind and buy take, as input fields (their documents' ranges). */
import type { builder } from './builder.js';

type Types = typeof builder.$inferSchemaTypes;

export function recordSettingsFields(t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) {
  return {
    enableDefaultPlan: t.boolean({
      description: 'Set the default 7×24 and event recording schedules.',
    }),
    preRecordDuration: t.int({ description: 'Seconds recorded before an event: 0 to 5.' }),
    recordDuration: t.int({ description: 'Seconds recorded for an event: 0 to 30.' }),
    eventRecordProlong: t.boolean({
      description: 'True: events during a recording extend it until they stop.',
    }),
    maxRecordFileDuration: t.int({
      description: 'Longest continuous-recording file, in seconds: 600 to 3600.',
    }),
  };
}
