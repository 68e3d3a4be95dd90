// Each module wrote its own data; the report module's aggregate merged both: 10 + 20 inputs.
def merged = new groovy.json.JsonSlurper().parse(new File(basedir, 'report/target/deepjunit-aggregate/deepjunit-coverage.json'))
def samples = merged.models.collect { it.samples as long }.sum()
assert samples == 30 : "the aggregate holds both modules' 30 inputs, got ${samples}"
assert new File(basedir, 'report/target/deepjunit-aggregate/index.html').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('DeepJUnit aggregate of 2 modules')
return true
