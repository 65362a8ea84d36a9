import { z } from 'zod';

/**
 * Refuses parameters the schema does not name (a misspelt filter would otherwise be ignored and
 * return everything), naming the parameter and every accepted one. The object is loose so that the
 * refinement sees the unknown names, one issue each; its JSON Schema (OpenAPI, tool schemas) says
 * what it enforces, `additionalProperties: false`, rather than the loose object's `{}`.
 */
export const onlyKnownParameters = <Shape extends z.ZodRawShape>(shape: Shape, what: string) => {
  const accepted = Object.keys(shape).join(', ') || 'none';
  return z
    .looseObject(shape)
    .superRefine((input, ctx) => {
      for (const key of Object.keys(input)) {
        if (!Object.hasOwn(shape, key))
          ctx.addIssue({ code: 'custom', path: [key], message: `unknown ${what}; accepted: ${accepted}` });
      }
    })
    .meta({ additionalProperties: false });
};

/** The query of a route that takes no parameters: any given is refused rather than ignored. */
export const noParameters = onlyKnownParameters({}, 'parameter');
