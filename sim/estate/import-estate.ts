/**
 * `ersim import`: exported files (ARM/Bicep JSON, `az network ... show`, `terraform show -json`)
 * -> the text of a scenario that validates, with comments on what was assumed. Every problem
 * of every file is reported together, naming the file and the field path; nothing is returned
 * (so nothing is written) unless the whole design reads.
 */
import { parseScenarioText } from '../scenario/load-scenario';
import { readDocumentFile } from '../scenario/document-file';
import { describeFound, ScenarioError, type ScenarioIssue } from '../scenario/scenario-error';
import { designToScenario, type ProviderModel } from './design-to-scenario';
import { emptyDesign, mergeDesigns, type EstateDesign } from './estate-design';
import { isFlowRecordText, readFlowRecords, type FlowRecordFile } from './flow-records';
import { JsonFields } from './json-fields';
import { isArmDocument, readArm } from './read-arm';
import { isTerraformDocument, readTerraform } from './read-terraform';

/** How an imported scenario starts: what lets `--out` replace an earlier import and nothing else. */
export const IMPORT_SIGNATURE = '# Imported by ersim import';

/**
 * `flowSampling`: what each flow record's bytes stand for (N when the collector sampled 1 packet
 * in N); used only with flow record files.
 */
export function importEstate(files: readonly string[], model: ProviderModel | 'direct' | undefined, flowSampling = 1): string {
  const issues: ScenarioIssue[] = [];
  let design = emptyDesign();
  const flowFiles: FlowRecordFile[] = [];
  for (const file of files) {
    const text = readDocumentFile(file, 'export');
    if (isFlowRecordText(text)) {
      flowFiles.push(readFlowRecords(text, file, issues));
      continue;
    }
    const f = new JsonFields(file);
    const read = readExport(text, f);
    issues.push(...f.issues);
    design = mergeDesigns(design, read);
  }
  const designFiles = files.filter((file) => !flowFiles.some((f) => f.file === file));
  if (designFiles.length === 0) issues.push(...flowFiles.map((f) => ({ file: f.file, path: '', expected: 'an ARM or Terraform export beside the flow records (the sites and their prefixes come from it)', found: 'flow records only' })));
  if (issues.length > 0) throw new ScenarioError(issues);
  const text = designToScenario(design, designFiles, model, flowFiles.length === 0 ? undefined : { files: flowFiles, sampling: flowSampling });
  // The importer promises a scenario that loads: a failure here is a value the export holds
  // that the scenario refuses (a bandwidth of 0), reported against the imported text.
  parseScenarioText(text, 'imported-scenario.yaml');
  return text;
}

function readExport(text: string, f: JsonFields): EstateDesign {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    f.problem('', 'JSON (an ARM template, the output of az network ... show, or terraform show -json)', (err as Error).message);
    return emptyDesign();
  }
  if (isTerraformDocument(doc)) return readTerraform(doc as Record<string, unknown>, f);
  if (isArmDocument(doc)) return readArm(doc, f);
  f.issues.push({
    file: f.file,
    path: '',
    expected: 'an ARM template (resources[]), the JSON of az network express-route|vnet-gateway|vpn-connection|local-gateway show, or terraform show -json of a state (values) or a plan (planned_values)',
    found: describeFound(doc),
  });
  return emptyDesign();
}
