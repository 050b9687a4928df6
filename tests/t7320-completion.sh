#!/bin/sh
# t7320-completion.sh: shell completion (complaints-completion(1)). The
# bash and zsh scripts are written by the binary from its table of
# commands and their usage, so what they complete is what --help says:
# checked here for every command and every sub-word, by running the
# scripts' own functions as bash and zsh call them. They complete the
# words of --kind and the like, policy ids from the policies directory,
# and case references from the store, which they read without writing
# or recording anything; cmake --install puts them where bash and zsh
# look. Every test works in a directory of its own.
. "$(dirname "$0")/lib.sh"

# bash_complete WORDS...: what bash offers for the last of WORDS (the
# command line up to the cursor, WORDS[0] the binary), one a line, sorted.
bash_complete() {
	cpl completion bash >script.bash &&
	bash -c '. ./script.bash
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_complaints
		printf "%s\n" "${COMPREPLY[@]}"' complete "$COMPLAINTS" "$@" |
	    grep -v "^\$" | sort
}

# zsh_complete WORDS...: the same for zsh, its compadd and _files stood in
# for (zsh leaves it to compadd to keep only the words that fit what is
# typed: so does this one).
zsh_complete() {
	cpl completion zsh >_complaints &&
	zsh -f -c 'compdef() { :; }
		compadd() {
			[[ $1 == -- ]] && shift
			local w
			for w in "$@"; do
				[[ $w == ${words[CURRENT]}* ]] && print -r -- "$w"
			done
		}
		_files() { print -r -- "(files $*)"; }
		. ./_complaints
		words=("$@")
		CURRENT=$#words
		_complaints' complete "$COMPLAINTS" "$@" | grep -v "^\$" | sort
}

# verbs: the commands complaints --help lists.
verbs() {
	cpl --help | awk '/^commands:/ { on = 1; next } on && /^$/ { exit }
	    on { print $1 }'
}

# forms VERB: each form of VERB's usage (its --help up to the first blank
# line) on a line of its own, from the word after "complaints".
forms() {
	cpl "$1" --help | awk '/^$/ { exit }
	    { sub(/^usage:/, ""); sub(/^ +/, "")
	      if ($1 == "complaints") { if (f != "") print f; f = $0 }
	      else f = f " " $0 }
	    END { if (f != "") print f }' | sed "s/^complaints //"
}

# sub_word FORM: the form's sub-word (restriction's add), or nothing.
sub_word() {
	echo "$1" | awk '$2 ~ /^[a-z][a-z-]*$/ { print $2 }'
}

# usage_options FORM: the options the form's usage names, and the global
# ones (--format only when the form has none of its own), sorted.
usage_options() {
	{
		echo "$1" | grep -o -- "--[a-z][a-z-]*"
		printf "%s\n" --db --policies --officer --help
		echo "$1" | grep -q -- "--format" || echo --format
	} | sort -u
}

test_expect_success 'the scripts are bash and zsh' '
	test_dir &&
	cpl completion bash >c.bash && bash -n c.bash &&
	grep -q "^complete -F _complaints complaints\$" c.bash &&
	cpl completion zsh >_complaints &&
	test "$(head -1 _complaints)" = "#compdef complaints" &&
	if command -v zsh >/dev/null; then zsh -n _complaints; fi
'

test_expect_success 'commands: every one --help lists, and only those' '
	test_dir &&
	verbs >expect &&
	bash_complete "" >got && sort expect >want && test_cmp want got &&
	bash_complete re >got &&
	grep "^re" want >want.re && test_cmp want.re got
'

test_expect_success 'every command'\''s options, and each sub-word'\''s, are those of its --help' '
	test_dir &&
	for v in $(verbs); do
		forms "$v" >forms.txt &&
		subs=$(while read -r f; do sub_word "$f"; done <forms.txt) &&
		if [ -n "$subs" ]; then
			printf "%s\n" $subs | sort >want &&
			bash_complete "$v" "" >got &&
			test_cmp want got || return 1
		fi &&
		while read -r f; do
			s=$(sub_word "$f") &&
			usage_options "$f" >want &&
			bash_complete "$v" $s -- >got &&
			test_cmp want got || { echo "# $v $s" >&2; return 1; }
			# a command without sub-words is one form
			[ -n "$s" ] || break
		done <forms.txt || return 1
	done
'

test_expect_success 'every option completed is one the command takes' '
	test_dir &&
	mkdir none && total=0 &&
	for v in $(verbs); do
		forms "$v" >forms.txt &&
		while read -r f; do
			s=$(sub_word "$f") &&
			for o in $(bash_complete "$v" $s --); do
				COMPLAINTS_DB=none/c.db "$COMPLAINTS" "$v" $s "$o" \
				    </dev/null >out 2>err
				total=$((total + 1))
				if grep -q "unknown option" err; then
					echo "# $v $s $o: $(cat err)" >&2
					return 1
				fi
			done
			[ -n "$s" ] || break
		done <forms.txt || return 1
	done &&
	test "$total" -gt 100 &&
	test "$(ls none)" = ""
'

test_expect_success 'the words of --kind, --channel, --outcome, --reason, --decision, as --help lists them' '
	test_dir &&
	bash_complete log --kind "" >got &&
	printf "%s\n" complaint comment compliment service-request | sort >want &&
	test_cmp want got &&
	bash_complete log --channel "" >got &&
	printf "%s\n" email phone letter web in-person social other | sort >want &&
	test_cmp want got &&
	bash_complete respond X --outcome "" >got &&
	printf "%s\n" upheld partly-upheld not-upheld | sort >want &&
	test_cmp want got &&
	bash_complete close X --reason o >got &&
	printf "%s\n" ombudsman out-of-scope >want &&
	test_cmp want got &&
	bash_complete restriction add A --kind "" >got &&
	printf "%s\n" single-point-of-contact written-contact-only \
	    no-further-correspondence limited-contact other | sort >want &&
	test_cmp want got &&
	bash_complete ombudsman X --decision not >got &&
	printf "%s\n" not-investigated not-upheld >want &&
	test_cmp want got &&
	bash_complete extend X --reason "" >got && test ! -s got &&
	bash_complete init --audit-reads "" >got &&
	printf "%s\n" off on >want && test_cmp want got &&
	bash_complete export --format "" >got &&
	printf "%s\n" csv jsonl >want && test_cmp want got
'

test_expect_success 'policy ids from the policies directory, or the one the line names' '
	test_dir &&
	ls "$COMPLAINTS_POLICIES" | sed -n "s/\.yaml\$//p" | sort >want &&
	bash_complete log --policy "" >got && test_cmp want got &&
	bash_complete policy show "" >got && test_cmp want got &&
	bash_complete init --policy so >got &&
	grep "^so" want >want.so && test_cmp want.so got &&
	mkdir pol && cp "$COMPLAINTS_POLICIES/psps.yaml" pol/ &&
	bash_complete --policies pol log --policy "" >got &&
	echo psps >want && test_cmp want got
'

test_expect_success 'case references from the store, or the one the line names; nothing written, no read recorded' '
	fresh_store south-staffordshire &&
	for n in A B C; do
		cpl log --complainant "$n" --summary s >/dev/null || return 1
	done &&
	cpl init --audit-reads on &&
	mkdir other && cpl --db other/c.db init --policy psps &&
	cpl --db other/c.db log --complainant D --summary s >/dev/null &&
	dump_db >before && dump_db other/c.db >before.other &&
	# The files here, no new one (a server store has none: ls fails).
	{ ls -A complaints.db* other || on_server; } >files.before &&
	bash_complete ack "" >got &&
	printf "%s\n" SSC-2026-00001 SSC-2026-00002 SSC-2026-00003 >want &&
	test_cmp want got &&
	bash_complete show SSC-2026-0000 >got && test_cmp want got &&
	bash_complete note SSC-2026-00002 >got &&
	echo SSC-2026-00002 >want && test_cmp want got &&
	bash_complete note SSC-2026-00002 "" >got && test ! -s got &&
	bash_complete --db other/c.db history "" >got &&
	echo PSPS-2026-00001 >want && test_cmp want got &&
	dump_db >after && test_cmp before after &&
	dump_db other/c.db >after.other && test_cmp before.other after.other &&
	{ ls -A complaints.db* other || on_server; } >files.after &&
	test_cmp files.before files.after
'

test_expect_success 'completion refs and policies: one a line, starting with the prefix' '
	fresh_store psps &&
	cpl log --complainant A --summary s >/dev/null &&
	cpl completion refs PSPS >got &&
	echo PSPS-2026-00001 >want && test_cmp want got &&
	cpl completion refs SSC >got && test ! -s got &&
	cpl completion policies ps >got &&
	echo psps >want && test_cmp want got &&
	refused 2 "^complaints: completion: .fish. is not bash, zsh, refs or policies\$" \
	    cpl completion fish &&
	refused 2 "^complaints: completion: for bash or zsh?" cpl completion
'

if command -v zsh >/dev/null 2>&1; then
	test_expect_success 'zsh completes as bash does' '
		fresh_store psps &&
		cpl log --complainant A --summary s >/dev/null &&
		for line in "" "re" "restriction " "restriction add A --kind " \
		    "log --" "close X --reason o" "ack " "policy show p" \
		    "report annual --"; do
			# shellcheck disable=SC2086 # the words are the line
			set -- $line &&
			case $line in *" "|"") set -- "$@" "" ;; esac &&
			bash_complete "$@" >b &&
			zsh_complete "$@" >z &&
			test -s b &&
			test_cmp b z || { echo "# line: $line" >&2; return 1; }
		done &&
		zsh_complete import "" >z &&
		echo "(files )" >want && test_cmp want z
	'
else
	test_skip "zsh completes as bash does" "no zsh here (scripts/install-deps installs it)"
fi

# The build tree the binary was built in, where cmake --install can run.
build_dir=$(dirname "$COMPLAINTS")
if command -v cmake >/dev/null 2>&1 && [ -f "$build_dir/CMakeCache.txt" ]; then
	test_expect_success 'cmake --install puts the scripts where bash-completion and zsh look' '
		test_dir &&
		cmake --install "$build_dir" --prefix "$PWD/p" >/dev/null &&
		cpl completion bash >want &&
		test_cmp want p/share/bash-completion/completions/complaints &&
		cpl completion zsh >want &&
		test_cmp want p/share/zsh/site-functions/_complaints
	'
else
	test_skip "cmake --install puts the scripts where bash-completion and zsh look" \
	    "the binary is not in a CMake build tree ($build_dir)"
fi

test_done
