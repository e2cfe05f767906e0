import { DocumentValidator } from "../loader/buildProject";

/** The AWSTOE structure checks the tools pass to buildProject, the same as the program's. */
export const documentValidator: DocumentValidator | undefined = undefined;
