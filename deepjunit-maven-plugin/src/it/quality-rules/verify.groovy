// Both forks' figures were judged by the rules in the POM; the strict rules failed the build, naming each figure.
def files = new File(basedir, 'target/deepjunit-data/quality').listFiles().findAll { it.name.endsWith('.json') }
assert files.size() == 2 : "one figures file per fork, got ${files*.name}"
def log = new File(basedir, 'build.log').text
['A', 'B'].each { c ->
    def counted = (log =~ /QualityCheck${c} counted accuracy (\d+)\/200/)
    assert counted.find() : "QualityCheck${c} ran"
    def accuracy = String.format(Locale.ROOT, '%.6f', (counted.group(1) as int) / 200.0)
    assert log.contains("DeepJUnit quality: accuracy of tiny on all (200 samples, it.quality.QualityCheckBase.evaluates)"
            + " is ${accuracy}, within tiny:accuracy:atLeast:0.1")
    assert log.contains("accuracy of tiny on all (200 samples, it.quality.QualityCheckBase.evaluates) is ${accuracy},"
            + " breaking tiny:accuracy:atLeast:0.99 (below the limit)")
    assert log.contains("ECE of tiny on all (200 samples, it.quality.QualityCheckBase.evaluates) is ")
}
assert log.contains('no figure matches tiny:recall:atLeast:0.5')
assert log.contains('DeepJUnit check failed: ')
return true
