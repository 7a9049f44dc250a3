import { type Static, Type } from '@sinclair/typebox';

/** RFC 9457 problem details, with our stable `code`. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object(
          {
            path: Type.String(),
            message: Type.String(),
            // Intake validation: the questionnaire item and the intake error code (INTAKE_ERROR_CODES).
            linkId: Type.Optional(Type.String()),
            code: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    retryAfterSeconds: Type.Optional(Type.Integer()),
  },
  { $id: 'Problem', additionalProperties: false },
);
export type Problem = Static<typeof Problem>;
