// Two shards, merged by the plugin, give exactly the data one machine records running both classes.
def json = new groovy.json.JsonSlurper()
// without the growth ordinals, which follow the order the inputs were merged in
def figures = { data ->
    data.models.each { m -> m.remove('growth'); m.layers.each { l -> l.remove('firstNc'); l.remove('firstTopK') } }
    data
}
def one = figures(json.parse(new File(basedir, 'target/one/deepjunit-coverage.json')))
def merged = figures(json.parse(new File(basedir, 'target/all.json')))
assert merged.models.collect { it.samples as long }.sum() == 30 : 'both shards: 10 + 20 inputs'
assert merged == one : 'the shards merge to what one machine records'
def report = figures(json.parse(new File(basedir, 'target/merged/deepjunit-coverage.json')))
assert report == one : 'and the merged report holds the same data'
def log = new File(basedir, 'build.log').text
assert log.contains('Merged 2 DeepJUnit data files')
assert log.contains('DeepJUnit coverage rules met')
return true
