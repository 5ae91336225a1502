/** A form factor whose commands run functions declares the FunctionFile page that defines them. */
import type { ManifestCheck } from './check-context';
import type { ManifestDiagnostic } from './diagnostic';

export const checkFunctionFile: ManifestCheck = ({ formFactors }) => {
  const out: ManifestDiagnostic[] = [];
  for (const ff of formFactors) {
    if (ff.functionFile) continue;
    for (const cmd of ff.commands) {
      if (cmd.action?.type !== 'ExecuteFunction') continue;
      out.push({
        line: cmd.action.line,
        message: `"${cmd.id}" runs the function "${cmd.action.functionName}", but <${ff.element.qname}> has no <FunctionFile>; add <FunctionFile resid="…"/> naming the commands page's URL`,
      });
    }
  }
  return out;
};
