package io.etlx.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksBinderTest {
  @Test
  void aPatternIsPortableWhenItUsesWhatEveryWarehouseReadsAlike() {
    assertThat(ChecksBinder.unportable("^[A-Z]{3}$")).isNull();
    assertThat(ChecksBinder.unportable("^\\(?[0-9]{3}\\)?-[0-9]+$")).isNull(); // escaped parens
    assertThat(ChecksBinder.unportable("[(?]x")).isNull(); // "(?" inside a class is two characters
    assertThat(ChecksBinder.unportable("[]a(?]")).isNull(); // a leading ] belongs to the class
    assertThat(ChecksBinder.unportable("\\\\1")).isNull(); // an escaped backslash, then 1
    assertThat(ChecksBinder.unportable("(ab|cd)+\\d\\s\\w\\.\\+")).isNull();
    assertThat(ChecksBinder.unportable("\\++x*?")).isNull(); // an escaped +, then a quantifier
  }

  @Test
  void lookaroundFlagsSpecialGroupsAndBackreferencesAreNot() {
    assertThat(ChecksBinder.unportable("^(?=a)b")).startsWith("'(?'");
    assertThat(ChecksBinder.unportable("(?i)usd")).startsWith("'(?'");
    assertThat(ChecksBinder.unportable("(?:ab)+")).startsWith("'(?'");
    assertThat(ChecksBinder.unportable("[a](?<n>b)")).startsWith("'(?'");
    assertThat(ChecksBinder.unportable("(a)\\1")).isEqualTo("a backreference (\\1)");
    assertThat(ChecksBinder.unportable("\\bUSD\\b")).startsWith("the escape \\b");
    assertThat(ChecksBinder.unportable("\\p{L}+")).startsWith("the escape \\p");
    assertThat(ChecksBinder.unportable("[a-z[e]]")).startsWith("'[' inside a class");
    assertThat(ChecksBinder.unportable("[a-z&&b]")).startsWith("'&&' inside a class");
    assertThat(ChecksBinder.unportable("[[:alpha:]]+")).startsWith("'[' inside a class");
    assertThat(ChecksBinder.unportable("a++")).isEqualTo("a possessive quantifier (++)");
  }
}
