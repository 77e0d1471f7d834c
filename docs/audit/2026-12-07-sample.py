import json,random,glob,subprocess,os
random.seed(20261207)
C='/work/shared/corpus'
strata={
 'res-2000-09':[f for y in range(2000,2010) for f in glob.glob(f'{C}/unxml-sc/Pre-2020/{y}/*.xml')],
 'res-2010-26':[f for y in range(2010,2020) for f in glob.glob(f'{C}/unxml-sc/Pre-2020/{y}/*.xml')]+glob.glob(f'{C}/unxml-sc/20*/English/*.xml'),
 'statements':glob.glob(f'{C}/unxml-sc/PRST/*/*.xml'),
 'early-texts':glob.glob(f'{C}/cr-unsc/texts/*.txt'),
}
blind={'S_RES_2301','S_RES_2112','S_RES_2429','S_RES_2428','S_RES_2196','S_RES_1701','S_RES_2250','S_PRST_2013_15','S_PRST_2017_2-','S_PRST_2021_10','S_RES_0425','S_RES_0661'}
out=[]
for st,files in strata.items():
    files=[f for f in files if not any(b in f for b in blind)]
    random.shuffle(files)
    n=0
    for f in files:
        if n>=10: break
        r=subprocess.run(['/tmp/rg','extract','-format','json',f],capture_output=True,text=True)
        try: d=json.loads(r.stdout)['documents'][0]
        except Exception: continue
        acts=[a for a in d['actions'] if a['kind'] in('directive','task')]
        if not acts: continue
        a=random.choice(acts)
        p=next(p for p in d['paragraphs'] if p['id']==a['paragraphId'])
        n+=1
        out.append({'n':len(out)+1,'stratum':st,'document':d['symbol'],'date':d.get('date'),'paragraph_id':p['id'],'paragraph_text':p['text'],
          'extracted':{'kind':a['kind'],'addressee':(a.get('addressee') or {}).get('name'),'addressee_as_written':(a.get('addressee') or {}).get('mention'),
            'verb':a['verb'],'verbs':a.get('verbs'),'action':a.get('action',''),'deadline':a.get('deadline',''),'deadlineDate':a.get('deadlineDate',''),
            'recurrence':a.get('recurrence',''),'until':a.get('until',''),'condition':a.get('condition','')}})
json.dump(out,open('/work/audit/sample.json','w'),indent=1,ensure_ascii=False)
print(len(out))
