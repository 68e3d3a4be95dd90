// Two forks wrote a data file each; the plugin's report merged both: 10 + 20 inputs.
def data = new File(basedir, 'target/deepjunit-data')
def files = data.listFiles().findAll { it.name.endsWith('.json') }
assert files.size() == 2 : "one data file per fork, got ${files*.name}"
def merged = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/deepjunit/deepjunit-coverage.json'))
def samples = merged.models.collect { it.samples as long }.sum()
assert samples == 30 : "the report holds both forks' 30 inputs, got ${samples}"
def log = new File(basedir, 'build.log').text
assert log.contains('DeepJUnit coverage tiny:') : 'the report goal prints the summary line'
assert log.contains('DeepJUnit coverage rules met: MODEL:NC:COVEREDRATIO:0.10')
// Two builds, the second after mvn clean: the summary kept beside the history gave the second its trends
def kept = new File(basedir, 'history').listFiles().findAll { it.name ==~ /forks\.report-[0-9a-f]+\.json/ }
assert kept.size() == 1 : "one summary kept beside the history, got ${new File(basedir, 'history').list()}"
def summary = new groovy.json.JsonSlurper().parse(kept[0])
assert summary.previous != null && summary.previous.runId != summary.runId : "the second build compares with the first: ${summary}"
assert summary.previous.figures.tiny != null : "the first build's figures of model tiny: ${summary.previous}"
assert new File(basedir, 'target/deepjunit/index.html').text.contains('title="previous run: ')
return true
